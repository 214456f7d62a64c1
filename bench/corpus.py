"""A seeded synthetic news corpus about invented armed groups, for the benchmark.

Every name (groups, leaders, founders, places, regions, countries, outlets) is made from
syllables, so nothing can be looked up and no name comes from ``seeds/``. A world is drawn first
(groups with founders, leaders, units, allies and home regions), then each article reports one
attack in it the way wire copy does: who attacked where and when, how many were killed and
injured according to whom, who claimed it, who denied it, who was accused, plus background on
the group, its founder and leader, its alliances, earlier incidents and quotes from residents.

Examples
--------
>>> world = World(seed=1)
>>> article = world.article(0)
>>> article.startswith("Title: ") and len(article.split()) > 300
True
>>> World(seed=1).article(5) == World(seed=1).article(5)
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

__all__ = ["World", "write_corpus", "Corpus"]

_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "dr", "kr", "br", "tr", "sh", "kh",
           "gr", "st", "p", "f", "h", "j", "y", "zv", "tl", "mb", "nd"]
_VOWELS = ["a", "e", "i", "o", "u", "a", "o", "ei", "ou", "ia"]
_CODAS = ["", "", "", "n", "r", "l", "s", "k", "m", "sh", "t"]
_PERSON_ENDINGS = ["ov", "enko", "ez", "ani", "u", "ic", "ara", "ondo", "essi", "ek", "ar", "imov", "ouba"]
_PLACE_ENDINGS = ["ka", "ville", "grad", "abad", "ara", "ine", "ou", "ovo", "pur", "esh", "ani", "enda"]
_COUNTRY_ENDINGS = ["ia", "stan", "ania", "onia", "ar", "esia"]
_GROUP_FORMS = ["{a} Liberation Front", "{a} Defence Brigade", "Army of {a}", "{a} People's Militia",
                "{a} Resistance Movement", "{a} Patriotic Legion", "{a} Revolutionary Front",
                "{a} Salvation Corps", "Free {a} Battalion", "{a} Volunteer Corps", "{a} Mujahideen Council",
                "{a} Popular Army", "{a} Highland Brigade", "{a} Tigers"]
_UNIT_FORMS = ["{a} Battalion", "{a} Company", "{a} Brigade"]
_OUTLET_FORMS = ["{a} Herald", "{a} News Agency", "{a} Times", "Radio {a}", "{a} Press Service", "{a} Monitor"]
_WEAPONS = ["mortars", "rocket-propelled grenades", "drones", "improvised explosive devices", "machine guns",
            "car bombs", "sniper rifles", "artillery"]
_TARGETS = ["market", "police station", "army base", "checkpoint", "bus station", "power station", "convoy",
            "village", "military camp", "government office", "border post", "church", "mosque", "school"]
_ATTACKS = ["attack", "raid", "ambush", "bombing", "assault"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_OFFICIALS = ["local officials", "the interior ministry", "the defence ministry", "a police spokesman",
              "the regional governor's office", "hospital staff", "military officials", "an army spokesman"]
_RESIDENT_QUOTES = [
    "We heard the shooting for almost an hour and nobody came to help us",
    "The market was the only place where people could still earn money",
    "Many families have already left for the capital and more are packing",
    "They came at dawn on motorbikes and burned the shops",
    "Nobody here trusts the soldiers any more, and nobody trusts the fighters either",
    "We buried our neighbours this morning and we do not know who will protect us now",
]
_BACKGROUND = [
    "The region has seen a sharp rise in violence since the start of the year, with dozens of attacks on "
    "security forces and civilians.",
    "Humanitarian agencies say more than {n} people have been displaced in the area over the past twelve months.",
    "Analysts say the fighting has been driven by disputes over land, mining revenue and control of smuggling "
    "routes along the border.",
    "The government has promised to send more troops to the area, but residents say patrols remain rare "
    "outside the main towns.",
    "Aid workers said roads into the district were still closed on {weekday}, making it hard to reach the "
    "wounded.",
    "Peace talks brokered by neighbouring governments collapsed last year after both sides accused each other "
    "of breaking a ceasefire.",
]


class _Names:
    """Syllable names, each used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _word(self, syllables: int, ending: str = "") -> str:
        while True:
            parts = [self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) + self.rng.choice(_CODAS)
                     for _ in range(syllables)]
            word = ("".join(parts) + ending).capitalize()
            if word not in self.used and len(word) >= 4:
                self.used.add(word)
                return word

    def person(self) -> str:
        return f"{self._word(2)} {self._word(2, self.rng.choice(_PERSON_ENDINGS))}"

    def place(self) -> str:
        return self._word(self.rng.choice((1, 2)), self.rng.choice(_PLACE_ENDINGS))

    def country(self) -> str:
        return self._word(2, self.rng.choice(_COUNTRY_ENDINGS))

    def stem(self) -> str:
        return self._word(self.rng.choice((2, 3)))


@dataclass
class _Group:
    name: str
    abbreviation: str
    country: str
    region: str
    towns: list[str]
    founder: str
    leader: str
    commander: str
    founded: int
    units: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    allies: list[str] = field(default_factory=list)


class World:
    """Invented countries, regions, towns, outlets and armed groups, and articles about them."""

    def __init__(self, seed: int = 0, groups: int = 400, countries: int = 30) -> None:
        rng = random.Random(seed)
        self.seed = seed
        names = _Names(rng)
        self.countries = [names.country() for _ in range(countries)]
        self.regions = {c: [names.place() for _ in range(4)] for c in self.countries}
        self.towns = {r: [names.place() for _ in range(5)] for rs in self.regions.values() for r in rs}
        self.outlets = [rng.choice(_OUTLET_FORMS).format(a=names.stem()) for _ in range(40)]
        self.groups: list[_Group] = []
        for _ in range(groups):
            country = rng.choice(self.countries)
            region = rng.choice(self.regions[country])
            name = rng.choice(_GROUP_FORMS).format(a=names.stem())
            abbreviation = "".join(w[0] for w in name.replace("'s", "").split() if w[0].isupper())
            group = _Group(name, abbreviation, country, region, self.towns[region], names.person(), names.person(),
                           names.person(), rng.randint(1995, 2021))
            group.units = [rng.choice(_UNIT_FORMS).format(a=names.stem()) for _ in range(rng.randint(0, 2))]
            group.members = [names.person() for _ in range(rng.randint(1, 3))]
            self.groups.append(group)
        for group in self.groups:
            group.allies = [g.name for g in rng.sample(self.groups, 2) if g is not group][: rng.randint(0, 2)]

    def article(self, index: int) -> str:
        """The text of article ``index`` (a .txt file with a metadata header)."""
        rng = random.Random(f"{self.seed}/{index}")
        group = rng.choice(self.groups)
        rival = rng.choice(self.groups)
        town = rng.choice(group.towns)
        target = rng.choice(_TARGETS)
        attack = rng.choice(_ATTACKS)
        published = date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        weekday = _WEEKDAYS[(published - timedelta(days=rng.randint(1, 4))).weekday()]
        killed, injured = rng.randint(2, 60), rng.randint(0, 90)
        outlet = rng.choice(self.outlets)
        official = rng.choice(_OFFICIALS)
        s = _Sentences(rng)
        s.add(f"{s.pick('Gunmen', 'Fighters', 'Militants', 'Armed men')} attacked a {target} in the town of {town} "
              f"in the {group.region} region of {group.country} on {weekday}, killing at least {killed} people "
              f"and wounding {injured}, {official} said.")
        s.add(f"The {group.name} ({group.abbreviation}) claimed responsibility for the {attack} in a statement "
              f"posted online on {s.pick(*_WEEKDAYS)}.",
              f"The {group.name} said its fighters had carried out the {attack}.",
              f"According to {outlet}, the {group.name} took part in the {attack}.")
        s.add(f"According to {outlet}, {rng.randint(killed, killed + 20)} people were killed in the {attack}.")
        if rng.random() < 0.6:
            s.add(f"The army accused the {rival.name} of carrying out the {attack}, but the group denied any "
                  f"involvement.",
                  f"The {rival.name} denied taking part in the {attack}.",
                  f"{group.country}'s defence ministry accused the {rival.name} of the {attack}.")
        s.add(f"Witnesses said the attackers used {rng.choice(_WEAPONS)} before moving in on foot.")
        s.add(f"\"{rng.choice(_RESIDENT_QUOTES)},\" said a resident who asked not to be named.")
        s.paragraph()
        s.add(f"The {group.abbreviation} was founded in {group.founded} by {group.founder}, a former "
              f"{s.pick('teacher', 'army officer', 'customs officer', 'preacher', 'police officer')}.",
              f"{group.founder} founded the {group.name} in {group.founded}.")
        s.add(f"{group.leader} leads the group, according to {rng.choice(self.outlets)}.",
              f"The group is led by {group.leader}.",
              f"{group.leader}, the leader of the {group.name}, said the fighters would continue.")
        s.add(f"{group.commander} is the military commander of the {group.name}.",
              f"Its fighters are commanded by {group.commander}.")
        for unit in group.units:
            s.add(f"The {unit} is part of the {group.name} and operates under the command of {group.commander}.")
        for ally in group.allies:
            s.add(f"The {group.abbreviation} is allied with the {ally}.",
                  f"The {group.name} has fought alongside the {ally} since {rng.randint(group.founded, 2023)}.")
        for member in group.members:
            s.add(f"{member}, a member of the {group.name}, was among those who took part in the {attack}, "
                  f"{rng.choice(self.outlets)} reported.",
                  f"{member} is a member of the {group.abbreviation}.")
        if rng.random() < 0.5:
            s.add(f"{group.country}'s government designated the {group.name} a terrorist organisation in "
                  f"{rng.randint(group.founded, 2024)}.")
        s.paragraph()
        earlier = rng.choice(group.towns)
        s.add(f"In {s.pick('March', 'June', 'October', 'December')} {published.year - 1}, {_a(rng.choice(_ATTACKS))} "
              f"on a {rng.choice(_TARGETS)} near {earlier} killed {rng.randint(2, 30)} soldiers.")
        s.add(f"No group claimed that attack, though officials blamed the {rng.choice(self.groups).name}.")
        length = rng.randint(480, 620)
        background = rng.sample(_BACKGROUND, len(_BACKGROUND))
        while s.words < length:
            if background and rng.random() < 0.4:
                s.add(background.pop().format(n=rng.randint(5, 90) * 1000, weekday=rng.choice(_WEEKDAYS)))
                s.add(f"\"{rng.choice(_RESIDENT_QUOTES)},\" said a {s.pick('trader', 'farmer', 'teacher', 'nurse')} "
                      f"in {rng.choice(group.towns)}.")
            else:
                self._incident(s, rng, rng.choice(self.groups), published.year)
            s.paragraph()
        title = f"{s.pick('Gunmen', 'Militants', 'Rebels')} kill {killed} in {attack} on {target} in {town}"
        return (f"Title: {title}\nDate: {published.isoformat()}\nPublisher: {outlet}\n\n"
                f"{s.text()}\n")


    def _incident(self, s: _Sentences, rng: random.Random, group: _Group, year: int) -> None:
        """A paragraph of background: another group's earlier attack, who claimed or denied it."""
        town, attack = rng.choice(group.towns), rng.choice(_ATTACKS)
        month = s.pick("January", "March", "May", "July", "September", "November")
        s.add(f"In {month} {year - rng.randint(1, 3)}, fighters of the {group.name} attacked a "
              f"{rng.choice(_TARGETS)} in {town}, killing {rng.randint(2, 40)} people, according to "
              f"{rng.choice(self.outlets)}.",
              f"The {group.name} carried out {_a(attack)} on a {rng.choice(_TARGETS)} in {town} in {month} "
              f"{year - rng.randint(1, 3)}.")
        s.add(f"{group.leader}, who leads the {group.abbreviation}, said the group had claimed that {attack}.",
              f"The group, led by {group.leader}, denied it had taken part in the {attack}.",
              f"Officials said {rng.randint(2, 50)} people were injured in the {attack}.")
        if group.allies and rng.random() < 0.5:
            s.add(f"The {group.name} is allied with the {group.allies[0]}, {rng.choice(self.outlets)} reported.")
        if rng.random() < 0.4:
            s.add(f"The {group.abbreviation} was founded by {group.founder} in {group.founded}.")


class _Sentences:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.paragraphs: list[list[str]] = [[]]
        self.words = 0

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def add(self, *variants: str) -> None:
        sentence = self.rng.choice(variants)
        self.paragraphs[-1].append(sentence)
        self.words += len(sentence.split())

    def paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs if p)


@dataclass
class Corpus:
    directory: Path
    paths: list[Path]
    words: int


def write_corpus(directory: Path, articles: int, seed: int = 0, start: int = 0) -> Corpus:
    """Write articles ``start`` … ``start + articles - 1`` of the seeded world as .txt files."""
    directory.mkdir(parents=True, exist_ok=True)
    world = World(seed)
    paths, words = [], 0
    for index in range(start, start + articles):
        text = world.article(index)
        path = directory / f"{index:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split("\n\n", 1)[1].split())
    return Corpus(directory, paths, words)


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun
