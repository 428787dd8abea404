//! A quick randomized pass over the whole path, so that CI keeps guarding
//! what the fuzz target (fuzz/, docs/fuzzing.md) explores at length: a few
//! thousand mutations of the committed seed corpus must load, check,
//! compare and render without a panic, and render the same twice.

use stance::harness;

/// A small deterministic generator: the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that mean something to YAML or to stance.
const TOKENS: &[&[u8]] = &[
    b"- ",
    b": ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\n",
    b"  ",
    b"\t",
    b"*a",
    b"&a ",
    b"<<: ",
    b"!!binary ",
    b"\0",
    b"\xff",
    b"\"",
    b"'",
    b"yes",
    b"no",
    b"true",
    b"~",
    b"null",
    b"1e999",
    b"-0",
    b".nan",
    b"red-line",
    b"status: undecided",
    b"requires:",
    b"accepts: []",
    b"min: ",
    b"max: ",
    b"---\n",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"#",
    // Hidden characters (docs/limits.md, "Control characters"): as YAML
    // escapes in a quoted scalar, and raw (a right-to-left override, a
    // zero-width space, a soft hyphen, the C1 CSI, a tag character).
    b"\"\\e]0;x\\a\\e[2K\\r\\x9b\\u202e\\u200b\"",
    b"\xe2\x80\xae",
    b"\xe2\x80\x8b",
    b"\xc2\xad",
    b"\xc2\x9b",
    b"\xf3\xa0\x80\x81",
    // Urls that must not become links.
    b"javascript:alert(1)",
    b"<script>",
];

/// Mutations of each seed: about 3,000 runs in all over the 64 seeds.
const MUTATIONS: usize = 48;

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..=rng.below(2) {
        let at = rng.below(data.len() + 1);
        match rng.below(5) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 if !data.is_empty() => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            3 if !data.is_empty() => {
                // Repeat a stretch: duplicate keys, longer lists.
                let start = rng.below(data.len());
                let end = (start + rng.below(80)).min(data.len());
                let copy = data[start..end].to_vec();
                data.splice(at..at, copy);
            }
            _ => {
                // Cut the file short, as a half-saved edit would be.
                data.truncate(at);
            }
        }
    }
}

#[test]
fn thousands_of_mutated_fixtures_never_panic_and_render_the_same_twice() {
    let mut seeds: Vec<_> = std::fs::read_dir("fuzz/seeds/whole_path")
        .expect("the committed seed corpus")
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let mut rng = Rng(0x5EED_5EED_5EED_5EED);
    let mut runs = 0;
    let (mut valid_runs, mut loaded) = (0, 0);
    for seed in &seeds {
        let original = std::fs::read(seed).unwrap();
        let valid = harness::run(&original).contains("\"schema_version\"");
        for _ in 0..MUTATIONS {
            let mut data = original.clone();
            mutate(&mut rng, &mut data);
            let first = harness::run(&data);
            if runs % 10 == 0 {
                assert_eq!(
                    first,
                    harness::run(&data),
                    "non-deterministic on a mutation of {}",
                    seed.display()
                );
            }
            if valid {
                valid_runs += 1;
                loaded += usize::from(first.contains("\"schema_version\""));
            }
            runs += 1;
        }
    }
    assert!(runs >= 2_500, "{runs} runs");
    // Guards the generator itself: mutations that broke every input would
    // only exercise the error paths, never compare and render. (Validation
    // is strict, so most mutations are rightly refused.)
    assert!(
        loaded > valid_runs / 20,
        "only {loaded} of {valid_runs} mutations of valid seeds loaded"
    );
}
