"""Country-name normalisation: names, short forms, codes and demonyms to one canonical name.

"US", "U.S.", "USA", "United States", "America" and "American" all become "United States";
"Polish" becomes "Poland". A few international organisations that act as mediators (EU, UN,
ICRC, OSCE, ...) are in the same table, so that "EU" and "European Union" agree too.

Pure: no I/O. Unknown text is not an error: `normalize_country` falls back to a folded,
lower-case form of the text, so two spellings of an unlisted place still compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "canonical_country",
    "countries_in",
    "fold",
    "is_country_word",
    "known_countries",
    "normalize_country",
    "same_country",
]

# canonical | other names, codes and demonyms (singular; plurals ending in -s are also read)
_TABLE = """
Afghanistan|Afghan|AFG
Albania|Albanian
Algeria|Algerian
Andorra|Andorran
Angola|Angolan
Antigua and Barbuda|Antiguan|Barbudan
Argentina|Argentine|Argentinian|Argentinean
Armenia|Armenian
Australia|Australian|AUS
Austria|Austrian
Azerbaijan|Azerbaijani|Azeri
Bahamas|The Bahamas|Bahamian
Bahrain|Bahraini
Bangladesh|Bangladeshi
Barbados|Barbadian|Bajan
Belarus|Belarusian|Belarussian|Belarusan|Byelorussia|Byelorussian|Belorussia|Belorussian|White Russia|Republic of Belarus|BLR
Belgium|Belgian
Belize|Belizean
Benin|Beninese
Bhutan|Bhutanese
Bolivia|Bolivian
Bosnia and Herzegovina|Bosnia|Bosnian|Bosnia-Herzegovina|Herzegovina
Botswana|Motswana|Batswana
Brazil|Brazilian
Brunei|Bruneian|Brunei Darussalam
Bulgaria|Bulgarian
Burkina Faso|Burkinabe|Burkinabé
Burundi|Burundian
Cambodia|Cambodian
Cameroon|Cameroonian
Canada|Canadian
Cape Verde|Cabo Verde|Cape Verdean
Central African Republic|Central African|CAR
Chad|Chadian
Chile|Chilean
China|Chinese|PRC|People's Republic of China|Mainland China
Colombia|Colombian
Comoros|Comorian
Republic of the Congo|Congo|Congo-Brazzaville|Congo Brazzaville|Republic of Congo
DR Congo|DRC|Democratic Republic of the Congo|Democratic Republic of Congo|Congo-Kinshasa|Congo Kinshasa
Costa Rica|Costa Rican
Croatia|Croatian|Croat
Cuba|Cuban
Cyprus|Cypriot
Czech Republic|Czechia|Czech
Denmark|Danish|Dane
Djibouti|Djiboutian
Dominica|Dominican (Dominica)
Dominican Republic|Dominican
Ecuador|Ecuadorian|Ecuadorean
Egypt|Egyptian
El Salvador|Salvadoran|Salvadorian
Equatorial Guinea|Equatoguinean|Equatorial Guinean
Eritrea|Eritrean
Estonia|Estonian
Eswatini|Swaziland|Swazi
Ethiopia|Ethiopian
Fiji|Fijian
Finland|Finnish|Finn
France|French|Frenchman|Frenchwoman
Gabon|Gabonese
Gambia|The Gambia|Gambian
Georgia|Georgian
Germany|German|Federal Republic of Germany|FRG
Ghana|Ghanaian
Greece|Greek|Hellenic Republic
Grenada|Grenadian
Guatemala|Guatemalan
Guinea|Guinean
Guinea-Bissau|Bissau-Guinean
Guyana|Guyanese
Haiti|Haitian
Honduras|Honduran
Hong Kong|Hong Konger|Hongkonger
Hungary|Hungarian
Iceland|Icelandic|Icelander
India|Indian
Indonesia|Indonesian
Iran|Iranian|Islamic Republic of Iran|Persia
Iraq|Iraqi
Ireland|Irish|Republic of Ireland|Irishman|Irishwoman
Israel|Israeli
Italy|Italian
Ivory Coast|Côte d'Ivoire|Cote d'Ivoire|Ivorian
Jamaica|Jamaican
Japan|Japanese
Jordan|Jordanian
Kazakhstan|Kazakh|Kazakhstani
Kenya|Kenyan
Kiribati|I-Kiribati
Kosovo|Kosovar|Kosovan
Kuwait|Kuwaiti
Kyrgyzstan|Kyrgyz|Kyrgyzstani|Kirghizia
Laos|Lao|Laotian|Lao PDR
Latvia|Latvian|Lett
Lebanon|Lebanese
Lesotho|Basotho|Mosotho
Liberia|Liberian
Libya|Libyan
Liechtenstein|Liechtensteiner
Lithuania|Lithuanian
Luxembourg|Luxembourger|Luxembourgish
Macau|Macao|Macanese
Madagascar|Malagasy
Malawi|Malawian
Malaysia|Malaysian
Maldives|Maldivian
Mali|Malian
Malta|Maltese
Marshall Islands|Marshallese
Mauritania|Mauritanian
Mauritius|Mauritian
Mexico|Mexican
Micronesia|Micronesian|Federated States of Micronesia
Moldova|Moldovan|Republic of Moldova
Monaco|Monegasque|Monacan
Mongolia|Mongolian
Montenegro|Montenegrin
Morocco|Moroccan
Mozambique|Mozambican
Myanmar|Burma|Burmese
Namibia|Namibian
Nauru|Nauruan
Nepal|Nepalese|Nepali
Netherlands|The Netherlands|Holland|Dutch|Dutchman|Dutchwoman
New Zealand|New Zealander|NZ
Nicaragua|Nicaraguan
Niger|Nigerien
Nigeria|Nigerian
North Korea|DPRK|Democratic People's Republic of Korea|North Korean
North Macedonia|Macedonia|Macedonian|Republic of North Macedonia
Norway|Norwegian
Oman|Omani
Pakistan|Pakistani
Palau|Palauan
Palestine|Palestinian|State of Palestine|Palestinian territories|Palestinian Territories
Panama|Panamanian
Papua New Guinea|Papua New Guinean|PNG
Paraguay|Paraguayan
Peru|Peruvian
Philippines|The Philippines|Filipino|Filipina|Philippine
Poland|Polish|Pole|Republic of Poland
Portugal|Portuguese
Qatar|Qatari
Romania|Romanian
Russia|Russian|Russian Federation|RF
Rwanda|Rwandan
Saint Kitts and Nevis|St Kitts and Nevis|Kittitian|Nevisian
Saint Lucia|St Lucia|Saint Lucian
Saint Vincent and the Grenadines|St Vincent and the Grenadines|Vincentian
Samoa|Samoan
San Marino|Sammarinese
Sao Tome and Principe|São Tomé and Príncipe|Santomean
Saudi Arabia|Saudi|Saudi Arabian|KSA
Senegal|Senegalese
Serbia|Serbian|Serb
Seychelles|Seychellois
Sierra Leone|Sierra Leonean
Singapore|Singaporean
Slovakia|Slovak|Slovakian|Slovak Republic
Slovenia|Slovenian|Slovene
Solomon Islands|Solomon Islander
Somalia|Somali
South Africa|South African|RSA
South Korea|Republic of Korea|ROK|South Korean
South Sudan|South Sudanese
Spain|Spanish|Spaniard
Sri Lanka|Sri Lankan
Sudan|Sudanese
Suriname|Surinamese|Surinamer
Sweden|Swedish|Swede
Switzerland|Swiss|Swiss Confederation
Syria|Syrian|Syrian Arab Republic
Taiwan|Taiwanese
Tajikistan|Tajik|Tajikistani
Tanzania|Tanzanian|United Republic of Tanzania
Thailand|Thai|Siam
Timor-Leste|East Timor|Timorese
Togo|Togolese
Tonga|Tongan
Trinidad and Tobago|Trinidadian|Tobagonian
Tunisia|Tunisian
Turkey|Türkiye|Turkiye|Turkish|Turk
Turkmenistan|Turkmen
Tuvalu|Tuvaluan
Uganda|Ugandan
Ukraine|Ukrainian|The Ukraine
United Arab Emirates|UAE|U.A.E.|Emirati|Emirates
United Kingdom|UK|U.K.|Britain|Great Britain|British|Briton|Brit|England|English|Scotland|Scottish|Scot|Wales|Welsh|Northern Ireland|United Kingdom of Great Britain and Northern Ireland|GB
United States|US|U.S.|USA|U.S.A.|United States of America|America|American|the States|U.S.A
Uruguay|Uruguayan
Uzbekistan|Uzbek|Uzbekistani
Vanuatu|Ni-Vanuatu
Vatican City|Vatican|Holy See
Venezuela|Venezuelan
Vietnam|Viet Nam|Vietnamese
Western Sahara|Sahrawi|Sahrawi Republic
Yemen|Yemeni
Zambia|Zambian
Zimbabwe|Zimbabwean
European Union|EU|E.U.
United Nations|UN|U.N.
International Committee of the Red Cross|ICRC|Red Cross
Organization for Security and Co-operation in Europe|OSCE|Organisation for Security and Co-operation in Europe
Council of Europe|CoE
NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation
African Union|AU
Arab League|League of Arab States
ASEAN|Association of Southeast Asian Nations
"""

_STOP_PREFIXES = ("the ",)
_PEOPLE_WORDS = frozenset({"citizen", "citizens", "national", "nationals", "people", "nationality", "citizenship"})
_SPLIT = re.compile(r"\s*(?:[,;/&+]|\band\b|\bor\b)\s*", re.IGNORECASE)


_EXTRA_FOLD = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
     "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)


def fold(text: str) -> str:
    """Fold diacritics (including ł, ø, ß, đ, æ, œ) and case; keep letters, digits, hyphens and spaces."""
    text = text.translate(_EXTRA_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = re.sub(r"[.'’`´ʼ]", "", text)  # U.S. -> us, d'Ivoire -> divoire
    text = re.sub(r"[^\w\s-]", " ", text)
    text = text.replace("_", " ")
    return " ".join(text.split())


def _key(text: str) -> str:
    key = fold(text).replace("-", " ")
    for prefix in _STOP_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
    return " ".join(key.split())


def _build() -> tuple[dict[str, str], tuple[str, ...]]:
    table: dict[str, str] = {}
    canon: list[str] = []
    for line in _TABLE.strip().splitlines():
        names = [part.strip() for part in line.split("|") if part.strip()]
        canonical = names[0]
        canon.append(canonical)
        for name in names:
            if "(" in name:  # a note, not an alias
                continue
            table.setdefault(_key(name), canonical)
    return table, tuple(canon)


_ALIASES, _CANONICAL = _build()


def known_countries() -> tuple[str, ...]:
    """Every canonical name in the table (countries, then a few international organisations)."""
    return _CANONICAL


@lru_cache(maxsize=8192)
def canonical_country(text: str | None) -> str | None:
    """The canonical name for a country name, short form, code or demonym; None if unknown."""
    if not text:
        return None
    key = _key(text)
    words = [w for w in key.split() if w not in _PEOPLE_WORDS]
    key = " ".join(words)
    if not key:
        return None
    found = _ALIASES.get(key)
    if found is None and key.endswith("s"):
        found = _ALIASES.get(key[:-1])  # Ukrainians, Americans, Poles
    return found


def is_country_word(text: str) -> bool:
    """True when the text is a known country name or demonym (e.g. "Belarusian", "US")."""
    return canonical_country(text) is not None


@lru_cache(maxsize=8192)
def normalize_country(text: str) -> str:
    """Canonical country name when known, else the folded lower-case text (for comparison)."""
    return canonical_country(text) or _key(text)


@lru_cache(maxsize=8192)
def countries_in(text: str | None) -> frozenset[str]:
    """Countries named in a value: "Polish-Belarusian" and "Poland, Belarus" give both countries.

    Parts are split on commas, slashes, "and"/"or" and, when every part is a known country or
    demonym, on hyphens; each part is normalised with `normalize_country`.
    """
    if not text or not text.strip():
        return frozenset()
    whole = canonical_country(text)
    if whole is not None:
        return frozenset({whole})
    out: set[str] = set()
    for part in _SPLIT.split(text):
        part = part.strip(" -")
        if not part:
            continue
        found = canonical_country(part)
        if found is None and "-" in part:
            pieces = [canonical_country(p) for p in re.split(r"[-‐‑–]", part) if p.strip()]
            if pieces and all(pieces):
                out.update(p for p in pieces if p)
                continue
        out.add(found or _key(part))
    return frozenset(out)


def same_country(a: str | None, b: str | None) -> bool:
    """True when both values name the same country (or the same unknown text, folded)."""
    if a is None or b is None:
        return a is b
    return normalize_country(a) == normalize_country(b)
