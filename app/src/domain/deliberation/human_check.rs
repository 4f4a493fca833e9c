//! The simple check a member of the public passes before commenting without an account: a
//! sum written in words, whose answer is typed as a number or a word. It needs no outside
//! service and no JavaScript, and works with a screen reader. It stops careless bots, not
//! determined ones; every public comment also waits for a facilitator's approval.

const WORDS: [&str; 11] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// One question, chosen by the form that shows it (`seed` travels in a hidden field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanCheck {
    a: usize,
    b: usize,
}

impl HumanCheck {
    pub fn from_seed(seed: u32) -> Self {
        let seed = seed as usize;
        Self {
            a: 1 + seed % 5,
            b: 1 + (seed / 5) % 5,
        }
    }

    pub fn question(self) -> String {
        format!(
            "What is {} plus {}? (Type the answer as a number.)",
            WORDS[self.a], WORDS[self.b]
        )
    }

    /// Accepts "7", " seven ", "Seven".
    pub fn passes(self, answer: &str) -> bool {
        let want = self.a + self.b;
        let answer = answer.trim().to_lowercase();
        answer.parse::<usize>().ok() == Some(want) || WORDS.get(want) == Some(&answer.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_sum_passes_as_a_number_or_a_word() {
        let check = HumanCheck::from_seed(7); // three plus two
        assert_eq!(
            check.question(),
            "What is three plus two? (Type the answer as a number.)"
        );
        assert!(check.passes("5"));
        assert!(check.passes(" Five "));
        assert!(!check.passes("6"));
        assert!(!check.passes(""));
    }

    #[test]
    fn every_seed_gives_a_sum_of_at_most_ten() {
        for seed in 0..100 {
            let c = HumanCheck::from_seed(seed);
            assert!(c.a + c.b <= 10);
        }
    }
}
