"""Property-based tests of the three-way merge over random edit sequences."""

import frontmatter
from hypothesis import given, settings, strategies as st

from generator.page.front_matter import dump
from generator.page.merge import merge_page, snapshot_of

KEYS = ["title", "date", "source", "countries", "companies", "summary", "notes"]
values = st.one_of(st.none(), st.text(alphabet="abcdefgh XYZ", min_size=1, max_size=8).map(str.strip).filter(bool),
                   st.lists(st.sampled_from(["Japan", "China", "Chile", "Peru"]), max_size=3, unique=True))
metas = st.fixed_dictionaries({k: values for k in KEYS[:6]})
edits = st.dictionaries(st.sampled_from(KEYS), st.one_of(st.just("DELETE"), values), max_size=4)


@settings(max_examples=300, deadline=None)
@given(base=metas, new=metas, person=edits, edit_body=st.booleans())
def test_person_wins_field_by_field(base, new, person, edit_body):
    base_body, new_body = "Base body.", "New body."
    page = dict(base)
    for key, value in person.items():
        if value == "DELETE":
            page.pop(key, None)
        else:
            page[key] = value
    body = "Edited by hand." if edit_body else base_body
    current = dump(page, body)
    merged = merge_page(snapshot_of(base, base_body), current, new, new_body, lambda: dump(new, new_body))
    result = frontmatter.loads(merged.text)
    for key in KEYS:
        touched = key in person and (person[key] == "DELETE") != (key not in base) or (
            key in person and person[key] != "DELETE" and person[key] != base.get(key))
        if key in person and person[key] == "DELETE" and key in base:
            assert key not in result.metadata, key  # deleted by the person stays deleted
        elif touched and key in page:
            assert result.metadata.get(key) == page[key], key
        elif key in new:
            assert result.metadata.get(key) == new[key], key  # untouched: the generator's new value
    assert result.content.strip() == ("Edited by hand." if edit_body else new_body)


@settings(max_examples=100, deadline=None)
@given(meta=metas)
def test_untouched_page_becomes_exactly_the_new_page(meta):
    new = dict(meta, title="Changed")
    merged = merge_page(snapshot_of(meta, "B"), dump(meta, "B"), new, "B2", lambda: dump(new, "B2"))
    assert merged.text == dump(new, "B2") and not merged.edited
