// Follows a workshop's live stream on the phone view, which is sent without the app's
// WebAssembly (see `routes::without_app`): when the room moves to another step, it fetches
// the page again and swaps in the new step. A phone thus downloads a few kilobytes where the
// app would be over a megabyte, and every form on the page stays an ordinary form.
//
// Like the app's own live screens (`ui/components/live.rs`): the stream starts with the
// current frame, so a phone that lost the wifi catches up; after an error the browser gave up
// on (a 503 during an outage), it reopens the stream itself, waiting 1, 2, 4 ... 30 seconds
// with some jitter; and a quiet "Reconnecting" notice shows while it is down (after 3 seconds
// when the browser is reconnecting by itself, at once when it gave up).
(function () {
  'use strict';
  var NOTICE = 'Reconnecting\u2026 what you see may be a moment behind.';
  var FIRST_WAIT = 1000, LONGEST_WAIT = 30000, QUIET = 3000, CLOSED = 2;

  function start() {
    var root = document.querySelector('[data-follow]');
    if (!root || !window.EventSource || !window.fetch || !window.DOMParser) return;
    var url = root.getAttribute('data-follow');
    // What the phone shows now; a frame with another key means the room moved on.
    var key = root.getAttribute('data-step-key');
    var wait = 0, open = false, fetchWait = 0;

    function notice(down) {
      var status = document.querySelector('[data-follow] .live-status');
      if (status) status.textContent = down ? NOTICE : '';
    }

    // The same fields, in the same order, as `views::workshops::LiveStep::key` on the server.
    function keyOf(frame) {
      var vote = frame.vote;
      return JSON.stringify([frame.position, frame.number, frame.of, frame.title, frame.version,
        vote ? vote.decision : null, vote ? vote.open : null]);
    }

    function backoff(previous) {
      return previous ? Math.min(previous * 2, LONGEST_WAIT) : FIRST_WAIT;
    }

    // Fetches the page again and swaps in its step (without the "your vote is counted" note
    // of the step before).
    function refresh() {
      var path = location.pathname;
      // Keep the reader's choice of text (easy read); drop one-off notes such as "voted".
      var easy = /[?&]read=easy(&|$)/.test(location.search);
      fetch(path + (easy ? '?read=easy' : ''), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (response) {
          if (!response.ok) throw new Error('status ' + response.status);
          return response.text();
        })
        .then(function (text) {
          var page = new DOMParser().parseFromString(text, 'text/html');
          var fresh = page.querySelector('[data-follow]');
          var current = document.querySelector('[data-follow]');
          if (!fresh || !current) return;
          var hadFocus = current.contains(document.activeElement);
          current.replaceWith(document.importNode(fresh, true));
          fetchWait = 0;
          if (page.title) document.title = page.title;
          if (location.search) history.replaceState(null, '', path + (easy ? '?read=easy' : ''));
          // Keyboard and screen-reader users land on the new step, not at the top of the page.
          var heading = document.querySelector('[data-follow] h1');
          if (hadFocus && heading) {
            heading.setAttribute('tabindex', '-1');
            heading.focus();
          }
          notice(!open);
        })
        .catch(function () {
          notice(true);
          fetchWait = backoff(fetchWait);
          setTimeout(refresh, fetchWait + Math.random() * fetchWait / 4);
        });
    }

    function connect() {
      var source = new EventSource(url);
      source.addEventListener('frame', function (event) {
        open = true;
        wait = 0;
        notice(false);
        var frame;
        try { frame = JSON.parse(event.data); } catch (_) { return; }
        var next = keyOf(frame);
        if (next !== key) {
          key = next;
          refresh();
        }
      });
      source.onopen = function () {
        open = true;
        wait = 0;
        notice(false);
      };
      source.onerror = function () {
        open = false;
        if (source.readyState === CLOSED) {
          notice(true);
          source.close();
          wait = backoff(wait);
          setTimeout(connect, wait + Math.random() * wait / 4);
        } else {
          setTimeout(function () { if (!open) notice(true); }, QUIET);
        }
      };
    }

    connect();
    document.body.setAttribute('data-following', 'true');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
