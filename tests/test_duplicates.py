"""Copies of one article are found; retellings are not; saved fingerprints stay comparable."""

import random
import re
import zlib

from generator.site.duplicates import SAMPLE, SHINGLE, THRESHOLD, DuplicateFinder, fingerprint

WORDS = ("ministry government operators equipment security review network contract officials said "
         "suppliers decision months talks telecom carriers huawei zte japan procurement rules").split()


def _text(seed: int, n: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_a_copy_with_a_changed_line_is_a_duplicate_and_other_text_is_not():
    finder = DuplicateFinder()
    assert finder.check("a.txt", _text(1)) is None
    assert finder.check("b.txt", _text(2)) is None
    assert finder.check("a-copy.html", _text(1) + " Share this article") == "a.txt"
    assert finder.check("c.txt", _text(3)) is None


def test_fingerprint_is_every_sampled_five_word_shingle():
    # Builds keep fingerprints on disk and compare new articles with them: the sample must be
    # exactly the hashes of the runs of five words that fall in it, whatever the case.
    text = _text(4, 120)
    codes = [zlib.crc32(w.encode()) for w in re.findall(r"\w+", text)]
    windows = {hash(tuple(codes[i:i + SHINGLE])) for i in range(len(codes) - SHINGLE + 1)}
    assert fingerprint(text.upper()) == {h for h in windows if h % SAMPLE == 0}
    assert 0 < len(fingerprint(text)) < len(windows)


def test_the_verdict_is_the_shingle_overlap_on_both_sides_of_the_threshold():
    # Copies edited in more and more places: each is a duplicate exactly when the two samples'
    # overlap (Jaccard) reaches THRESHOLD, including copies just short of it.
    rng = random.Random(7)
    verdicts = set()
    for edits in range(0, 40):
        original = _text(100 + edits, 300).split()
        copy = list(original)
        for position in rng.sample(range(len(copy)), edits):
            copy[position] = f"edited{position}"
        a, b = fingerprint(" ".join(original)), fingerprint(" ".join(copy))
        expected = "a.txt" if len(a & b) / len(a | b) >= THRESHOLD else None
        finder = DuplicateFinder()
        assert finder.check("a.txt", " ".join(original)) is None
        assert finder.check("b.txt", " ".join(copy)) == expected, edits
        verdicts.add(expected)
    assert verdicts == {"a.txt", None}


class _AlwaysCounting(DuplicateFinder):
    """The check without its shortcut: the shingles shared with every earlier article counted each
    time, where ``DuplicateFinder`` skips counting when earlier articles hold too few of them."""

    def check(self, name, text):
        self._load_known()
        shingles = fingerprint(text)
        distinctive = self._distinctive(shingles)
        other = self._copied(name, distinctive)
        if other is None:
            self._remember(name, shingles, distinctive)
            self.fingerprints[name] = shingles
        return other


def test_skipping_the_count_changes_no_verdict():
    # Articles built from stock sentences (shared with many others) and words of their own, and
    # copies of some with a few words changed: a copy falls on either side of the threshold, and
    # each verdict is the one counting every time gives.
    rng = random.Random(11)
    stock = [" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(30)]
    texts = []
    for number in range(300):
        if texts and rng.random() < 0.3:
            words = rng.choice(texts).split()
            for _ in range(rng.randint(0, 12)):
                words[rng.randrange(len(words))] = f"changed{rng.randrange(10**6)}"
            texts.append(" ".join(words))
        else:
            sentences = rng.sample(stock, 4) + [" ".join(f"own{number}x{rng.randrange(50)}" for _ in range(20))]
            rng.shuffle(sentences)
            texts.append(" ".join(sentences))
    skipping, counting = DuplicateFinder(), _AlwaysCounting()
    verdicts = [(skipping.check(f"{n}.txt", text), counting.check(f"{n}.txt", text)) for n, text in enumerate(texts)]
    assert all(found == expected for found, expected in verdicts)
    duplicates = sum(expected is not None for _, expected in verdicts)
    assert 10 < duplicates < 90  # copies on both sides of the threshold


def test_a_finder_that_takes_over_the_last_index_gives_the_verdicts_of_a_new_one():
    # Under `mkdocs serve` a build's finder takes over the index the last build's left, when it
    # remembered exactly the articles the briefing holds now, in their order.
    known = {f"{n}.txt": sorted(fingerprint(_text(100 + n))) for n in range(40)}
    last = DuplicateFinder(lambda: known)
    assert last.check("40.txt", _text(140)) is None
    assert last.check("copy-of-3.txt", _text(103) + " Share this") == "3.txt"
    now = {**known, "40.txt": sorted(last.fingerprints["40.txt"])}
    taking, fresh = DuplicateFinder(lambda: now, last.remembered), DuplicateFinder(lambda: now)
    for name, text in [("again-40.txt", _text(140) + " Read more"), ("41.txt", _text(141)), ("again-41.txt", _text(141))]:
        assert taking.check(name, text) == fresh.check(name, text)
    assert taking.check("again-7.txt", _text(107)) == "7.txt"
    assert taking._index is last.remembered().index  # taken over, not built again
    # Another order (or another set) of articles: the index is built again.
    reordered = dict(reversed(list(now.items())))
    other = DuplicateFinder(lambda: reordered, DuplicateFinder(lambda: now).remembered)
    assert other.check("again-40.txt", _text(140)) == "40.txt"
    assert list(other._sizes)[:2] == ["40.txt", "39.txt"]


def test_the_fingerprints_keep_the_finders_index_only_while_it_matches_them(tmp_path):
    import json

    from generator.site.cache import Shingles

    known = {f"{n}.txt": sorted(fingerprint(_text(200 + n))) for n in range(20)}
    (tmp_path / "shingles.json").write_text(json.dumps(known))
    shingles = Shingles(tmp_path / "shingles.json")

    def one_build(names, texts):
        finder = DuplicateFinder(lambda: shingles.of(set(names)), shingles.take_finder)
        verdicts = [finder.check(name, text) for name, text in texts]
        shingles.replace(set(names) | {name for name, _ in texts}, finder.fingerprints, finder.remembered())
        return verdicts

    assert one_build(known, [("copy-of-2.txt", _text(202))]) == ["2.txt"]  # a copy: nothing new to remember
    assert list(shingles._finder.sizes) == list(known)
    assert one_build(known, [("20.txt", _text(220))]) == [None]  # a new article, at the end of both
    assert list(shingles._finder.sizes) == [*known, "20.txt"]
    names = [*known, "20.txt"]
    assert one_build([n for n in names if n != "5.txt"], [("5.txt", _text(999))]) == [None]  # re-read: another order
    assert shingles._finder is None
    assert one_build(names, [("again-20.txt", _text(220))]) == ["20.txt"]  # the index built again, the same verdict
