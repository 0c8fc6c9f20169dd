"""The domain data files (gazetteer, demonyms) load and hold together.

Every reference between entries must resolve, no surface form may name two entities of
the same type, and a sample of facts checked by hand must hold.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from importlib import resources

import pytest

TYPES = {"Person", "Organization", "Place", "Product"}
FIELDS = {"name", "type", "aliases", "qid", "country", "city", "maker", "parent", "nicknames", "note"}


def _load(name: str) -> dict:
    with resources.files("kg.data").joinpath(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


GAZ = _load("gazetteer.json")
DEM = _load("demonyms.json")
ENTRIES = GAZ["entries"]
BY = {(e["type"], e["name"]): e for e in ENTRIES}
PLACES = {e["name"] for e in ENTRIES if e["type"] == "Place"}
ORGS = {e["name"] for e in ENTRIES if e["type"] == "Organization"}


def _fold(text: str) -> str:
    # Same comparison the matcher uses: case, accents, apostrophes and punctuation ignored.
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-‐–—'’`´.,;:!?()\[\]«»\"“”]+", " ", text.lower()).strip()


def _forms(entry: dict) -> list[str]:
    return [entry["name"], *entry.get("aliases", [])]


def test_versions_present_and_equal():
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", GAZ["version"])
    assert DEM["version"] == GAZ["version"]


def test_enough_entries_of_every_type():
    counts = Counter(e["type"] for e in ENTRIES)
    assert len(ENTRIES) >= 400
    assert set(counts) == TYPES
    assert min(counts.values()) >= 50, counts


def test_entries_are_well_formed():
    for e in ENTRIES:
        assert set(e) <= FIELDS, e
        assert e["type"] in TYPES, e
        assert isinstance(e["name"], str) and e["name"].strip() == e["name"] != "", e
        for key in ("aliases", "nicknames"):
            values = e.get(key, [])
            assert isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values), e
        assert len(set(_forms(e))) == len(_forms(e)), f"repeated form in {e['name']}"
        if e["type"] != "Organization":
            assert "parent" not in e, e
        if e["type"] != "Product":
            assert "maker" not in e, e


def test_no_name_or_alias_names_two_entities_of_a_type():
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for e in ENTRIES:
        for form in {_fold(f) for f in _forms(e)}:
            other = seen.setdefault((e["type"], form), e["name"])
            if other != e["name"]:
                clashes.append((e["type"], form, other, e["name"]))
    assert not clashes


def test_nicknames_point_to_one_entity():
    seen: dict[str, str] = {}
    clashes = []
    for e in ENTRIES:
        for nick in e.get("nicknames", []):
            other = seen.setdefault(_fold(nick), e["name"])
            if other != e["name"]:
                clashes.append((nick, other, e["name"]))
    assert not clashes


def test_references_resolve_to_entries_of_the_right_type():
    bad = []
    for e in ENTRIES:
        bad += [(e["name"], k, e[k]) for k in ("country", "city") if k in e and e[k] not in PLACES]
        bad += [(e["name"], k, e[k]) for k in ("maker", "parent") if k in e and e[k] not in ORGS]
    assert not bad


def test_parent_chains_end():
    for e in ENTRIES:
        if e["type"] != "Organization":
            continue
        chain = [e["name"]]
        while "parent" in BY[("Organization", chain[-1])]:
            chain.append(BY[("Organization", chain[-1])]["parent"])
            assert len(chain) == len(set(chain)), f"parent cycle: {chain}"


def test_qids_are_wellformed_and_unique():
    qids = [e["qid"] for e in ENTRIES if "qid" in e]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids)
    assert [q for q, n in Counter(qids).items() if n > 1] == []


@pytest.mark.parametrize(
    "type_, name, qid",
    [
        ("Organization", "Microsoft", "Q2283"),
        ("Organization", "Apple", "Q312"),
        ("Organization", "Google", "Q95"),
        ("Organization", "IBM", "Q37156"),
        ("Organization", "Orange", "Q1431486"),
        ("Organization", "Samsung Electronics", "Q20718"),
        ("Organization", "Nokia", "Q1418"),
        ("Place", "France", "Q142"),
        ("Place", "Paris", "Q90"),
        ("Place", "États-Unis", "Q30"),
        ("Product", "Android", "Q94"),
        ("Product", "iPhone", "Q2766"),
        ("Person", "Steve Jobs", "Q19837"),
    ],
)
def test_known_wikidata_ids(type_, name, qid):
    assert BY[(type_, name)]["qid"] == qid


@pytest.mark.parametrize(
    "type_, name, field, value",
    [
        ("Organization", "Microsoft", "city", "Redmond"),
        ("Organization", "Apple", "city", "Cupertino"),
        ("Organization", "Nokia", "city", "Espoo"),
        ("Organization", "Research In Motion", "country", "Canada"),
        ("Organization", "Research In Motion", "city", "Waterloo"),
        ("Organization", "Google", "parent", "Alphabet"),
        ("Organization", "Free", "parent", "Iliad"),
        ("Organization", "Free Mobile", "parent", "Iliad"),
        ("Organization", "Altran", "parent", "Capgemini"),
        ("Product", "Windows Phone", "maker", "Microsoft"),
        ("Product", "Freebox", "maker", "Free"),
        ("Product", "Facebook", "maker", "Meta"),
        ("Place", "Cupertino", "country", "États-Unis"),
    ],
)
def test_sample_facts(type_, name, field, value):
    assert BY[(type_, name)][field] == value


@pytest.mark.parametrize(
    "type_, form, name",
    [
        ("Organization", "RIM", "Research In Motion"),
        ("Organization", "France Télécom", "Orange"),
        ("Organization", "Meta Platforms", "Meta"),
        ("Organization", "AFP", "AFP"),
        ("Organization", "Agence France-Presse", "AFP"),
        ("Organization", "NSN", "Nokia Solutions and Networks"),
        ("Organization", "Covoiturage.fr", "BlaBlaCar"),
        ("Place", "EMEA", "EMEA"),
        ("Organization", "AWS", "Amazon Web Services"),
    ],
)
def test_aliases_name_the_right_entity(type_, form, name):
    assert any(form in _forms(e) for e in ENTRIES if e["type"] == type_ and e["name"] == name)


def test_names_shared_across_types_are_deliberate():
    # A company and its product line may share a name; the two entries stay apart.
    assert ("Organization", "BlackBerry") in BY and ("Product", "BlackBerry") in BY
    assert "BlackBerry" not in BY[("Organization", "Research In Motion")].get("aliases", [])
    # "Facebook" is the former name of Meta and the social network: both, decided by context.
    assert "Facebook" in BY[("Organization", "Meta")].get("aliases", [])
    assert ("Product", "Facebook") in BY
    assert ("Organization", "Alphabet") in BY and ("Organization", "Google") in BY


def test_nicknames_sample():
    assert "le géant de Redmond" in BY[("Organization", "Microsoft")]["nicknames"]
    assert "la firme de Cupertino" in BY[("Organization", "Apple")]["nicknames"]
    assert "l'opérateur historique" in BY[("Organization", "Orange")]["nicknames"]


def test_demonyms_are_lowercase_and_point_to_places():
    dem = DEM["demonyms"]
    assert all(adj == adj.lower() and adj.strip() == adj for adj in dem)
    assert sorted({p for p in dem.values() if p not in PLACES}) == []
    assert len(set(dem.values())) >= 100


@pytest.mark.parametrize(
    "adjectives, place",
    [
        (["canadien", "canadienne", "canadiens", "canadiennes"], "Canada"),
        (["américain", "américaine", "américains", "américaines"], "États-Unis"),
        (["finlandais", "finlandaise", "finlandaises"], "Finlande"),
        (["sud-coréen", "sud-coréenne", "sud-coréens", "sud-coréennes"], "Corée du Sud"),
        (["britannique", "britanniques"], "Royaume-Uni"),
        (["grec", "grecque", "grecs", "grecques"], "Grèce"),
        (["parisien", "parisienne", "parisiens", "parisiennes"], "Paris"),
        (["toulousain", "toulousaine"], "Toulouse"),
        (["new-yorkais", "new-yorkaise"], "New York"),
        (["californien", "californienne"], "Californie"),
        (["européen", "européenne", "européens", "européennes"], "Europe"),
        (["francilien", "francilienne"], "Île-de-France"),
        (["breton", "bretonne", "bretons", "bretonnes"], "Bretagne"),
    ],
)
def test_demonym_forms(adjectives, place):
    assert {DEM["demonyms"][a] for a in adjectives} == {place}


def test_demonyms_cover_sixty_countries():
    countries = {e["name"] for e in ENTRIES if e["type"] == "Place" and "country" not in e}
    covered = countries & set(DEM["demonyms"].values())
    assert len(covered) >= 60, sorted(covered)
