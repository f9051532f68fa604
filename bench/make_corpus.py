"""Write N realistic synthetic news clippings: varied headlines, datelines, countries, companies,
people, dates, and the scraping noise real clippings carry (crumbs, trending lists, comment forms).

    python bench/make_corpus.py 2000 /tmp/corpus-2000

Deterministic: the same N and seed give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

COUNTRIES = ["Japan", "China", "the United States", "Germany", "France", "India", "Brazil", "Kenya", "South Korea",
             "Australia", "Canada", "Mexico", "Indonesia", "Vietnam", "Poland", "Sweden", "Finland", "Spain", "Italy",
             "Nigeria", "South Africa", "Turkey", "Egypt", "Chile", "Argentina", "Malaysia", "Thailand", "Philippines",
             "Netherlands", "Belgium", "Norway", "Denmark", "Ireland", "Portugal", "Greece", "Israel", "Saudi Arabia",
             "the United Arab Emirates", "Qatar", "Pakistan", "Bangladesh", "Sri Lanka", "New Zealand", "Colombia", "Peru"]
DEMONYMS = ["Japanese", "Chinese", "American", "German", "French", "Indian", "Brazilian", "Kenyan", "South Korean",
            "Australian", "Canadian", "Mexican", "British", "Dutch", "Swedish", "Italian", "Spanish", "Turkish"]
CAPITALS = ["Beijing", "Tokyo", "Washington", "Berlin", "Paris", "London", "Moscow", "Seoul", "New Delhi", "Canberra"]
COMPANIES = ["Huawei", "ZTE", "Ericsson", "Nokia", "Samsung", "NTT Docomo", "SoftBank", "KDDI", "Vodafone", "Orange",
             "Deutsche Telekom", "Telefónica", "BT", "Verizon", "AT&T", "China Mobile", "Reliance Jio", "Safaricom",
             "MTN", "Airtel", "Intel", "Nvidia", "TSMC", "Qualcomm", "Apple", "Google", "Microsoft", "Amazon",
             "Alibaba", "Tencent", "ByteDance", "SMIC", "ASML", "Tokyo Electron", "Sony", "Toyota", "Volkswagen",
             "Petrobras", "TotalEnergies", "Shell", "BP", "Siemens", "Hitachi", "Fujitsu", "Cisco", "Oracle", "IBM"]
UNKNOWN_COMPANY_STEMS = ["Norvik", "Altara", "Brightline", "Castellan", "Dunmore", "Everhart", "Fenwick", "Galloway",
                         "Harlow", "Ironbridge", "Juniper Vale", "Kestrel", "Larkspur", "Merriman", "Northgate"]
SUFFIXES = ["Corp.", "Inc.", "Ltd.", "Holdings Ltd.", "AG", "S.A."]
FIRST = ["Yuki", "Li", "Anna", "Carlos", "Priya", "James", "Fatima", "Kenji", "Olga", "Mehmet", "Grace", "Pierre",
         "Sofia", "Ahmed", "Maria", "Daniel", "Aiko", "Wei", "Lucas", "Amara"]
LAST = ["Tanaka", "Wang", "Schmidt", "Silva", "Sharma", "Miller", "Khan", "Sato", "Ivanova", "Yilmaz", "Otieno",
        "Dubois", "Rossi", "Hassan", "Garcia", "Kim", "Nakamura", "Chen", "Martin", "Okafor"]
ROLES = ["spokesman", "chief executive", "Trade Minister", "analyst", "Foreign Minister", "chairman", "regulator head"]
WIRES = ["Reuters", "Bloomberg", "AFP", "Kyodo", "Associated Press", "Dow Jones"]
OUTLETS = ["Nikkei Asia", "Financial Times", "The Straits Times", "Gulf News", "South China Morning Post",
           "The Japan Times", "Euronews", "Light Reading", "Mobile World Live", "Yonhap"]
TOPICS = ["5G equipment", "chip exports", "subsea cables", "data centres", "spectrum auctions", "satellite internet",
          "semiconductor subsidies", "network security rules", "cloud contracts", "handset sales"]
VERBS = ["weighs curbs on", "approves", "investigates", "signs deal on", "delays decision on", "backs", "restricts"]
FILLER = ["The decision follows months of talks with operators and equipment makers.",
          "Officials said the review would look at contracts signed over the past five years.",
          "Analysts expect the move to raise costs for network operators in the short term.",
          "The ministry declined to give a timetable for the final rules.",
          "Shares in several suppliers fell after the announcement.",
          "Industry groups said they had not been consulted on the details.",
          "Lawmakers are expected to debate the proposal before the end of the year.",
          "The company said it complied with all local laws and regulations."]
NOISE_TOP = ["print PRINT", "TECH > Telecoms", "Home > World > Asia", "Advertisement", "6 hours ago", "Font size"]
NOISE_BOTTOM = [["Please enter your comment!", "Please enter your name here"],
                ["  • Trending", "  • Elections", "  • Markets", "  • Weather"],
                ["Subscribe to our newsletter for the latest updates."], []]


def clipping(i: int, rng: random.Random, start: dt.date) -> str:
    country, other = rng.sample(COUNTRIES, 2)
    company, rival = rng.sample(COMPANIES, 2)
    unknown = f"{rng.choice(UNKNOWN_COMPANY_STEMS)} {rng.choice(['Networks', 'Systems', 'Telecom', 'Industries'])}"
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role = rng.choice(ROLES)
    day = start + dt.timedelta(days=rng.randrange(0, 2000))
    headline = f"{country.removeprefix('the ').capitalize() if country.startswith('the ') else country} {rng.choice(VERBS)} {rng.choice(TOPICS)} from {company} ({i})"
    lines = rng.sample(NOISE_TOP, rng.randrange(0, 3)) + [headline]
    if rng.random() < 0.85:
        lines.append(f"  • {day.strftime('%B')} {day.day}, {day.year}")
    if rng.random() < 0.5:
        lines.append(f"  • , {rng.choice(OUTLETS)} , {rng.randrange(1, 12)}:{rng.randrange(10, 59)} a.m.")
    dateline = f"{rng.choice(CAPITALS).upper()} ({rng.choice(WIRES)}) — "
    body = [
        f"{dateline}{rng.choice(DEMONYMS)} officials said on {day.strftime('%A')} that {country} would review "
        f"{rng.choice(TOPICS)} supplied by {company} and {rival}, citing security concerns raised by {other}.",
        f"“We will take the necessary measures,” {role} {person} told reporters, adding that "
        f"{rng.choice(CAPITALS)} had been informed. {rng.choice(FILLER)}",
        f"{unknown} {rng.choice(SUFFIXES)}, a smaller supplier, said it expected to benefit. {rng.choice(FILLER)} "
        f"{rng.choice(FILLER)}",
        f"{company} has denied any wrongdoing. {rng.choice(FILLER)} The contract is worth about "
        f"${rng.randrange(10, 900)} million, according to people familiar with the matter. Case {i:06d}.",
    ]
    return "\n\n".join(lines + body + rng.choice(NOISE_BOTTOM)) + "\n"


def make_corpus(n: int, folder: Path, seed: int = 7) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = dt.date(2018, 1, 1)
    for i in range(n):
        (folder / f"clip-{i:05d}.txt").write_text(clipping(i, rng, start), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    make_corpus(args.n, args.folder, args.seed)


if __name__ == "__main__":
    main()
