"""Extraction rules that name a general cue, on clippings written for these tests in several
languages: inflected and prefixed country names, capitals as places, headlines below navigation,
names that are and are not people's, companies marked by the words around them."""

import pytest

from generator.extract import extract_article
from generator.extract.language import detect_language
from generator.read import RawDocument

LEAD = ("Regulators in several countries are reviewing the purchase of network equipment, "
        "officials familiar with the matter said on Tuesday, citing security concerns.")


def extract(text, knowledge):
    return extract_article(RawDocument("clip.txt", text, {}), knowledge)


@pytest.mark.parametrize("text, countries", [
    # Russian: instrumental and genitive case endings, and an abbreviation
    ("Экспорт зерна из РФ растёт. Переговоры с Китаем и Казахстаном о новых квотах продолжаются, "
     "а закупки из Китая выросли вдвое за последний месяц, сообщили трейдеры и аналитики.",
     ["Russia", "China", "Kazakhstan"]),
    # Polish: locative forms of a two-word name
    ("Przewoźnik planuje nowe połączenia, w tym do Stanach Zjednoczonych i Korei Południowej, "
     "a także do Japonii, poinformował prezes spółki podczas konferencji prasowej w stolicy.",
     ["United States", "South Korea", "Japan"]),
    # Czech: adjectives count as the country
    ("Vláda zvažuje nabídky, které předložila americká firma a jihokorejská společnost, "
     "a rozhodnutí o dodavateli jaderné elektrárny padne podle ministra ještě letos v létě.",
     ["United States", "South Korea"]),
    # Hebrew: a name behind a joined particle ("to Egypt", "and Israel")
    ("משרד החקלאות הודיע כי המשלוח הראשון של פירות למצרים יצא השבוע, והשר אמר שהיצוא של ישראל "
     "לשכנותיה יגדל בשנה הבאה לפי תוכנית הממשלה.",
     ["Egypt", "Israel"]),
])
def test_countries_in_their_inflected_and_prefixed_forms(text, countries, knowledge):
    assert extract(f"{text}\n\n{text}", knowledge).countries == countries


def test_persian_is_told_from_arabic():
    text = "وزیر اقتصاد روز دوشنبه گفت که دولت برنامه تازه ای برای کمک به صادرکنندگان کوچک آماده کرده است و این برنامه از ماه آینده اجرا می شود."
    assert detect_language(text) == "fa"


def test_a_word_of_another_language_is_not_a_country_in_english(knowledge):
    a = extract(f"Quarry sale agreed\n\n{LEAD}\n\nThe Island Quarry unit will be sold to a local builder.", knowledge)
    assert "Iceland" not in a.countries


@pytest.mark.parametrize("sentence, countries", [
    ("LONDON (Reuters) - Shares of the miner fell after the results, traders said.", []),
    ("LONDON: The commission is partnering with a hotel group to run a resort.", []),
    ("The plan was welcomed by an analyst in London and a fund manager at a London-based firm.", []),
    ("The Kremlin replied to London's decision within hours.", ["Russia", "United Kingdom"]),
])
def test_a_capital_counts_only_where_it_stands_for_the_government(sentence, countries, knowledge):
    assert extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge).countries == countries


@pytest.mark.parametrize("top", [
    "Skip to content\n\nSearch",
    "Skip to navigationSkip to contentSkip to footer - Accessibility statement\nAdvertisement",
    "Company News",
    "Read everything in a single place.\nNo ads.\nStart reading\nBusiness\nJane Holloway and Sam Okafor",
    ";\nArama",
])
def test_the_headline_is_found_below_navigation_labels_and_promos(top, knowledge):
    a = extract(f"{top}\n\nRegulators weigh new curbs on network equipment vendors\n\n{LEAD}", knowledge)
    assert a.title == "Regulators weigh new curbs on network equipment vendors"


def test_a_long_paragraph_holding_a_boilerplate_phrase_is_kept(knowledge):
    body = " ".join([LEAD] * 8) + " Our standards: The Thomson Reuters Trust Principles."
    a = extract(body, knowledge)
    assert "Regulators in several countries" in a.body


@pytest.mark.parametrize("sentence, people", [
    ("Chief Executive Officer Wei Lanfang said the deal would close soon.", ["Wei Lanfang"]),
    ("Minister of Transport Thomas Mwangala said the line would open in May.", ["Thomas Mwangala"]),
    ("The agreement was signed by Helena Marsik and Rahul Dravenkar on Monday.", ["Helena Marsik", "Rahul Dravenkar"]),
    ("Latest Stories\n\nThe minister for Regional Development declined to comment.", []),
    ("Analyst Fiona McTavish said gold output would rise.", ["Fiona McTavish"]),
])
def test_people_by_the_shape_of_their_names(sentence, people, knowledge):
    assert extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge).people == people


def test_words_the_text_also_writes_in_lower_case_are_no_names(knowledge):
    text = ("Im Jahr 2022 stoppte der Konzern die Lieferungen, und im Herbst folgte die Klage vor dem "
            "Schiedsgericht, wie das Unternehmen am Mittwoch mitteilte.")
    assert extract(f"{text}\n\n{text}", knowledge).people == []


@pytest.mark.parametrize("sentence, company", [
    ("Shares of Veltrona rose 3% after the auction.", "Veltrona"),
    ("Mark Delaney, Halvorsen's chief executive, said the bank would cut costs.", "Halvorsen"),
    ("Fund manager Falcon Ridge Capital Management made a rival offer.", "Falcon Ridge Capital Management"),
    ("The buyer is Tom Hartley’s Harbour Lane Partners, a lobbying firm.", "Harbour Lane Partners"),
])
def test_companies_marked_by_the_words_around_them(sentence, company, knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge)
    assert company in a.companies


@pytest.mark.parametrize("sentence, company", [
    ("Analysts at Bradesco BBI raised their target for the shares.", "Bradesco BBI"),
    ("The fertiliser maker Yara International cut output.", "Yara International"),
    ("Purchases from Huawei Technologies Technologies were halted.", "Huawei"),  # a slip in the source
    ("The Brazilian miner Vale SA raised its forecast.", "Vale"),
    ("Its unit Nokia Oceania will run the network, the filing said.", "Nokia Oceania"),  # a unit of a known company
])
def test_a_known_company_named_in_full(sentence, company, knowledge):
    assert company in extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge).companies


@pytest.mark.parametrize("sentence, companies", [
    # an unknown name keeps the suffix the press writes with it; its short form and its
    # abbreviation are the same company
    ("Kestrel Railway Corp (KRC) has launched a campaign. KRC said the line opens in May.", ["Kestrel Railway Corp"]),
    ("Halden Steel Company made the best offer. The offer of Halden Steel beat the others.", ["Halden Steel Company"]),
    ("The assets include Mirova Land & Quarry Corporation and Tessel Cement Corporation.",
     ["Mirova Land & Quarry Corporation", "Tessel Cement Corporation"]),  # never "Quarry Corporation"
    ("The adviser, Boston’s Harlan Reed & Company, declined to comment.", ["Harlan Reed & Company"]),
    ("The insurer Grupo Peninsular de Seguros, S.A. kept its rating.", ["Grupo Peninsular de Seguros"]),  # not "Seguros"
    ("Analysts expect a stake in Companhia to follow.", []),
    # a legal form dropped where the name stands by itself, kept where it is made of ordinary words
    ("Shares of Quarvo Mining Corp. rose after the assay.", ["Quarvo Mining"]),
    ("The bid for Dunmore Group Holdings Ltd. was raised.", ["Dunmore Group"]),
    ("Lakeland Railway Corp has ordered new trains. The national railway LRC said so.", ["Lakeland Railway Corp"]),
    ("The buyer, Ostrava Tekniikka Abp, signed on Monday.", ["Ostrava Tekniikka"]),
    # a name its abbreviation defines, whole, and a country inside it names no country
    ("It sold its stake in Harbour Gravel and Aggregates Corporation (HGAC).", ["Harbour Gravel and Aggregates Corporation"]),
    ("The loans came from Mekong Commercial Bank (MCB) over ten years.", ["Mekong Commercial Bank"]),
    ("The approval of the Harbour Competition Commission (HCC) is pending.", []),
    ("The Energy Windfall Levy (EWL) was raised to 35 per cent.", []),
    # a list: the name after "and" beside a company already found is a company of its own
    ("A consortium of Sampo and Veltrona SA did not bid.", ["Sampo", "Veltrona"]),
    # an industry word inside a title is no company's last word
    ("ZEE took part in the Orbis Media Rights tender process.", []),
    ("Shares of Orvane Motors Group fell, said Orvane Airlines Chief Executive Jane Roe.", ["Orvane Motors", "Orvane Airlines"]),
])
def test_unknown_companies_as_the_press_names_them(sentence, companies, knowledge):
    found = extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge).companies
    assert [c for c in found if c not in ("Huawei", "ZTE")] == companies


@pytest.mark.parametrize("sentence, countries", [
    ("She studied at the Australian National University before joining the bank.", []),
    ("The retailer also sells Canadian Maple Outfitters Inc. clothing in its stores.", []),
    ("The Chinese Foreign Ministry said it opposed the decision.", ["China"]),
    ("The unit is part of the Japanese SoftBank Group, the filing showed.", ["Japan"]),
])
def test_a_country_word_that_begins_another_name(sentence, countries, knowledge):
    assert extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge).countries == countries


def test_a_company_named_after_its_country(knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\nThe contract went to Estonian Railways after the tender.", knowledge)
    assert "Estonian Railways" in a.companies and "Estonia" not in a.countries


@pytest.mark.parametrize("text, person", [
    ("Köpet klart\n\nFöretagets vd Sara Baker säger att köpet stärker bolaget i Europa och att fabrikerna "
     "i Polen och Tyskland ska byggas ut under nästa år.", "Sara Baker"),  # an office in Swedish
    ("The visit\n\nThe visit of Pope Leo XIV to the region was announced on Monday, and officials said "
     "it would last three days.", "Leo XIV"),  # a regnal number
    ("ההסכם נחתם\n\nראש הממשלה נתניהו אמר כי ההסכם יחזק את הכלכלה ויביא השקעות חדשות לישראל בשנים הקרובות.",
     "Benjamin Netanyahu"),  # a leader known in his own script
])
def test_people_by_office_regnal_number_and_known_leaders(text, person, knowledge):
    assert person in extract(text, knowledge).people


def test_a_section_label_is_no_publication(knowledge):
    a = extract(f"Company News\n\nHeadline here\n\n{LEAD}\n\nThe Border Express ferry was late, the Aspen Times said.",
                knowledge)
    assert a.news_orgs == ["Aspen Times"] and "News" not in a.companies


def test_a_weekday_in_another_language_ends_a_name(knowledge):
    text = ("ABD'li yetkili\n\nABD Hazine Bakanlığı yetkilisi Robert Cary Pazartesi günü yaptığı açıklamada, "
            "bankanın yaptırımları ihlal ettiğini söyledi ve davanın sürdüğünü belirtti.")
    assert "Robert Cary" in extract(text, knowledge).people


def test_a_short_name_is_not_read_as_a_known_one_a_letter_away(knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\nThe broker Ativa said the results beat forecasts.", knowledge)
    assert "Aviva" not in a.companies


@pytest.mark.parametrize("text, field, value", [
    ("Цены на сталь снова выросли, рассказали “Ъ” трейдеры. Трамп заявил о новых пошлинах, "
     "и покупатели ждут роста цен уже в ближайшие недели.", "news_orgs", "Kommersant"),
    ("Цены на сталь снова выросли, рассказали “Ъ” трейдеры. Трамп заявил о новых пошлинах, "
     "и покупатели ждут роста цен уже в ближайшие недели.", "people", "Donald Trump"),
    ("ホンダと日産は経営統合の協議を始めたと、ブルームバーグが報じた。両社は来年の合意を目指している。", "companies", "Nissan"),
    ("ホンダと日産は経営統合の協議を始めたと、ブルームバーグが報じた。両社は来年の合意を目指している。", "news_orgs", "Bloomberg"),
])
def test_names_written_in_their_own_script(text, field, value, knowledge):
    assert value in getattr(extract(f"{text}\n\n{text}", knowledge), field)


@pytest.mark.parametrize("text, people", [
    ("Как сообщил директор завода Андрей Соколов, производство выросло уже второй месяц подряд, "
     "а заказы на новые станки удвоились.", ["Andrey Sokolov"]),
    ("Про це заявив голова компанії Олександр Ковальчук після зустрічі з партнерами у Варшаві минулого "
     "тижня, повідомили в компанії.", ["Oleksandr Kovalchuk"]),
])
def test_cyrillic_names_in_any_case_are_written_as_the_press_writes_them(text, people, knowledge):
    assert extract(f"{text}\n\n{text}", knowledge).people == people
