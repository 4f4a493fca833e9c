//! The forms of a live workshop: adding a step, moving the room, a show of hands, joining.

use serde::{Deserialize, Serialize};

use super::{Refusals, chosen, refusal, ticked};
use crate::domain::decision::method::Method;
use crate::domain::document::{DocumentKind, SectionKey};
use crate::domain::number::optional_in;
use crate::domain::workshop::GuestName;
use crate::domain::workshop::agenda::{Move, Position, StepTitle};
use crate::domain::workshop::join_code::JoinCode;
use crate::domain::workshop::show_of_hands::MAX_HANDS;
use crate::domain::{Constituency, SignInCode};
use crate::error::AppError;

/// `workshops/add-step`. `kind` is "read" or "comments" (with `section`, "definition:3" for
/// section 3 of the definition), "vote" (a quick consent vote on `question`), or "dots" (a dot
/// vote among `options`, one per line, with `dots` each); a vote is secret when `secret` is
/// ticked ("yes").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepForm {
    pub title: String,
    pub kind: String,
    pub section: Option<String>,
    pub question: Option<String>,
    pub options: Option<String>,
    pub dots: Option<String>,
    pub secret: Option<String>,
}

/// A step to add, checked; a vote's question and options are checked as a decision by the
/// workflow that opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRequest {
    pub title: StepTitle,
    pub kind: StepRequestKind,
    /// A vote's ballots are secret: the room sees how many voted, not how, until it closes.
    pub secret: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepRequestKind {
    Read(DocumentKind, SectionKey),
    Comments(DocumentKind, SectionKey),
    /// A quick consent vote.
    Consent {
        question: String,
    },
    /// A dot vote; an empty question is the step's title.
    Dots {
        question: String,
        options: Vec<String>,
        dots: u32,
    },
}

fn section_of(raw: &Option<String>) -> Option<(DocumentKind, SectionKey)> {
    let (document, key) = raw.as_deref()?.split_once(':')?;
    Some((
        DocumentKind::from_slug(document.trim())?,
        SectionKey::new(key.trim().parse().ok()?),
    ))
}

impl TryFrom<StepForm> for StepRequest {
    type Error = AppError;

    fn try_from(form: StepForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let title = refusals.take("title", StepTitle::parse(&form.title));
        let section = || section_of(&form.section).ok_or("Please choose a section.");
        let question = form.question.clone().unwrap_or_default();
        let secret = ticked("secret", &form.secret).unwrap_or_else(|_| {
            refusals.refuse("secret", "Please tick the box, or leave it empty.");
            false
        });
        let kind = match form.kind.trim() {
            "read" => refusals
                .take("section", section())
                .map(|(d, k)| StepRequestKind::Read(d, k)),
            "comments" => refusals
                .take("section", section())
                .map(|(d, k)| StepRequestKind::Comments(d, k)),
            "vote" => Some(StepRequestKind::Consent { question }),
            "dots" => refusals
                .take(
                    "dots",
                    optional_in::<u32>(
                        form.dots.as_deref().unwrap_or(""),
                        1,
                        u64::from(Method::MAX_DOTS),
                    ),
                )
                .map(|dots| StepRequestKind::Dots {
                    question: if question.trim().is_empty() {
                        form.title.clone()
                    } else {
                        question
                    },
                    options: form
                        .options
                        .as_deref()
                        .unwrap_or("")
                        .lines()
                        .map(str::to_string)
                        .collect(),
                    dots: dots.unwrap_or(Method::DEFAULT_DOTS),
                }),
            _ => {
                refusals.refuse("kind", "Please choose what the room does at this step.");
                None
            }
        };
        match (title, kind) {
            (Some(title), Some(kind)) if refusals.is_empty() => Ok(Self {
                title,
                kind,
                secret,
            }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// `workshops/move`: where to (`to`: "next", "previous", "finish" or a step's number, from
/// one) and where the console saw the room (`from`: "gathering", "finished" or a number, from
/// one), so two facilitators pressing "next" at once move it one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveForm {
    pub to: String,
    pub from: Option<String>,
    /// Finishing cannot be undone, so it is asked for twice: "yes" when the facilitator
    /// ticked that they mean it.
    pub finish_for_good: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomMove {
    pub wanted: Move,
    /// `None`: wherever the room is now.
    pub seen: Option<Position>,
}

/// A step's number from 1, as the console shows it, into its place from 0.
fn step_number(raw: &str) -> Option<usize> {
    raw.trim().parse::<usize>().ok()?.checked_sub(1)
}

impl TryFrom<MoveForm> for RoomMove {
    type Error = AppError;

    fn try_from(form: MoveForm) -> Result<Self, AppError> {
        let wanted = chosen(
            "to",
            &form.to,
            |raw| match raw {
                "next" => Some(Move::Next),
                "previous" => Some(Move::Previous),
                "finish" => Some(Move::Finish),
                n => step_number(n).map(Move::To),
            },
            "Please choose where the room goes.",
        )?;
        if wanted == Move::Finish && form.finish_for_good.as_deref() != Some("yes") {
            return Err(refusal(
                "finish_for_good",
                "Tick “Yes, finish it” first: finishing stops the phones following the room, and cannot be undone.",
            ));
        }
        let seen = match form.from.as_deref().map(str::trim) {
            None => None,
            Some("gathering") => Some(Position::Gathering),
            Some("finished") => Some(Position::Finished),
            Some(n) => Some(Position::At(step_number(n).ok_or_else(|| {
                refusal(
                    "from",
                    "The console's place in the agenda was not understood. Please reload it.",
                )
            })?)),
        };
        Ok(Self { wanted, seen })
    }
}

/// `workshops/hands`: hands per answer (`hands[i]`) and whose hands they were
/// (`constituency`, empty when not recorded).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandsForm {
    pub hands: Option<Vec<String>>,
    pub constituency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandsCount {
    pub counts: Vec<u32>,
    pub constituency: Option<Constituency>,
}

impl TryFrom<HandsForm> for HandsCount {
    type Error = AppError;

    fn try_from(form: HandsForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        // A blank answer had no hands; anything else must be a count.
        let counts: Option<Vec<u32>> = refusals.take(
            "hands",
            form.hands
                .unwrap_or_default()
                .iter()
                .map(|h| {
                    optional_in::<u32>(h, 0, u64::from(MAX_HANDS)).map(Option::unwrap_or_default)
                })
                .collect::<Result<Vec<u32>, _>>(),
        );
        let constituency = match form.constituency.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(slug) => match Constituency::from_slug(slug) {
                Some(c) => Some(Some(c)),
                None => {
                    refusals.refuse("constituency", "Please choose whose hands these were.");
                    None
                }
            },
        };
        match (counts, constituency) {
            (Some(counts), Some(constituency)) if refusals.is_empty() => Ok(Self {
                counts,
                constituency,
            }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// `workshops/join`: the workshop's code, and for someone not signed in how they join: with a
/// sign-in card (`how=card`, `card`) or as a guest (`how=guest`, `name`, `constituency`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinForm {
    pub code: String,
    pub how: Option<String>,
    pub card: Option<String>,
    pub name: Option<String>,
    pub constituency: Option<String>,
}

/// How someone without a session joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Newcomer {
    Card(SignInCode),
    Guest {
        name: GuestName,
        constituency: Constituency,
    },
}

impl JoinForm {
    pub fn code(&self) -> Result<JoinCode, AppError> {
        JoinCode::parse(&self.code).map_err(|e| refusal("code", e.to_string()))
    }

    /// How a person who is not signed in joins (a signed-in person needs only the code).
    pub fn newcomer(&self) -> Result<Newcomer, AppError> {
        match self.how.as_deref().map(str::trim) {
            Some("card") => SignInCode::parse(self.card.as_deref().unwrap_or(""))
                .map(Newcomer::Card)
                .map_err(|e| refusal("card", e.to_string())),
            Some("guest") => {
                let mut refusals = Refusals::default();
                let name =
                    refusals.take("name", GuestName::parse(self.name.as_deref().unwrap_or("")));
                let constituency = self
                    .constituency
                    .as_deref()
                    .and_then(|c| Constituency::from_slug(c.trim()));
                if constituency.is_none() {
                    refusals.refuse("constituency", "Please choose why you take part.");
                }
                match (name, constituency) {
                    (Some(name), Some(constituency)) => Ok(Newcomer::Guest { name, constituency }),
                    _ => Err(refusals.into_error()),
                }
            }
            _ => Err(refusal(
                "how",
                "Please choose how to join: with a sign-in card, or as a guest.",
            )),
        }
    }
}

/// The most people a room may be said to hold.
pub const MAX_ROOM_SIZE: u64 = 1_000;

/// How many people are in the room, as the facilitator counts them.
pub fn room_size(raw: &str) -> Result<u32, AppError> {
    optional_in::<u32>(raw, 1, MAX_ROOM_SIZE)
        .map_err(|e| refusal("people", e.to_string()))?
        .ok_or_else(|| refusal("people", "Please say how many people are in the room."))
}

/// `workshops/create`'s `meets_on`: empty for no date, else a day such as 2026-12-03.
pub fn meets_on(raw: Option<&str>) -> Result<Option<crate::domain::calendar::Day>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => crate::domain::calendar::Day::parse(raw)
            .map(Some)
            .ok_or_else(|| {
                refusal(
                    "meets_on",
                    "Please give a date, such as 2027-03-31, or leave it empty.",
                )
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(
        kind: &str,
        section: Option<&str>,
        dots: Option<&str>,
    ) -> Result<StepRequest, AppError> {
        StepRequest::try_from(StepForm {
            title: "Read together".into(),
            kind: kind.into(),
            section: section.map(str::to_string),
            dots: dots.map(str::to_string),
            options: Some("Detox\nHousing".into()),
            ..Default::default()
        })
    }

    #[test]
    fn a_reading_step_needs_a_section() {
        assert!(
            step("read", None, None)
                .unwrap_err()
                .for_field("section")
                .is_some()
        );
        assert!(step("read", Some("definition:x"), None).is_err());
        assert_eq!(
            step("read", Some("definition:3"), None).unwrap().kind,
            StepRequestKind::Read(DocumentKind::Definition, SectionKey::new(3))
        );
    }

    #[test]
    fn a_dot_vote_takes_the_default_dots_only_when_the_field_is_empty() {
        match step("dots", None, Some("")).unwrap().kind {
            StepRequestKind::Dots { dots, .. } => assert_eq!(dots, Method::DEFAULT_DOTS),
            other => panic!("{other:?}"),
        }
        assert!(
            step("dots", None, Some("three"))
                .unwrap_err()
                .for_field("dots")
                .is_some()
        );
    }

    #[test]
    fn negative_or_worded_hands_are_refused_not_counted_as_none() {
        let hands = |h: &[&str]| {
            HandsCount::try_from(HandsForm {
                hands: Some(h.iter().map(|s| s.to_string()).collect()),
                constituency: None,
            })
        };
        assert!(
            hands(&["-1", "2"])
                .unwrap_err()
                .for_field("hands")
                .is_some()
        );
        assert!(hands(&["two"]).is_err());
        assert_eq!(hands(&["", "2"]).unwrap().counts, vec![0, 2]);
    }

    #[test]
    fn an_unknown_constituency_for_hands_is_refused() {
        let e = HandsCount::try_from(HandsForm {
            hands: Some(vec!["1".into()]),
            constituency: Some("aliens".into()),
        })
        .unwrap_err();
        assert!(e.for_field("constituency").is_some());
    }

    #[test]
    fn a_move_names_a_step_from_one() {
        let m = RoomMove::try_from(MoveForm {
            to: "2".into(),
            from: Some("gathering".into()),
            finish_for_good: None,
        })
        .unwrap();
        assert_eq!(m.wanted, Move::To(1));
        assert_eq!(m.seen, Some(Position::Gathering));
        assert!(
            RoomMove::try_from(MoveForm {
                to: "0".into(),
                from: None,
                finish_for_good: None,
            })
            .is_err()
        );
    }

    #[test]
    fn a_room_has_at_least_one_person_and_a_number_of_them() {
        assert_eq!(room_size(" 24 "), Ok(24));
        for bad in ["", "0", "many", "-3", "1001"] {
            assert!(
                room_size(bad).unwrap_err().for_field("people").is_some(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_guest_needs_a_name_and_a_reason_to_take_part() {
        let form = JoinForm {
            code: "K7PXR2".into(),
            how: Some("guest".into()),
            ..Default::default()
        };
        let e = form.newcomer().unwrap_err();
        assert!(e.for_field("name").is_some() && e.for_field("constituency").is_some());
    }
}
