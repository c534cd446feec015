"""Generate a synthetic, contract-valid IGF outcomes archive for benchmarking.

The archive follows /work/shared/design/content-model.md: a home page in six languages,
registries, one page per edition, session summaries (some translated into all five other
UN languages) and intersessional messages. Text is pseudo-text drawn from small per-language
word lists, in the right script, so that page sizes, search-index sizes and text shaping are
realistic without shipping real documents.

Every random choice comes from a `random.Random` seeded with a string derived from `seed`
and the item being generated, so the output is byte-identical across runs and machines, and
changing one knob (say `translated_share`) does not reshuffle unrelated files.

Usage: python bench/generate.py DEST --sessions N --editions E --translated 0.3 [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from igfpub.core.languages import LANGUAGES
from igfpub.core.model import STAKEHOLDERS

# The contract's vocabularies come from the package, so the archive stays valid as they grow.
LANGS: tuple[str, ...] = LANGUAGES
TRANSLATED_LANGS: tuple[str, ...] = LANGS[1:]
LAST_YEAR = 2025
TRACKS_PER_EDITION = 4


# --------------------------------------------------------------------------- languages


@dataclass(frozen=True)
class Lang:
    """How to write pseudo-text in one language."""

    code: str
    words: tuple[str, ...]  # content words
    glue: tuple[str, ...]  # function words, mixed in so word frequencies look natural
    sep: str = " "  # zh has no spaces between words
    comma: str = ","
    stop: str = "."
    capitalize: bool = True
    length_factor: float = 1.0  # translations are longer or shorter than English


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LANG_SPECS: dict[str, Lang] = {
    "en": Lang(
        "en",
        _split(
            "governance digital internet stakeholders policy data access rights cooperation"
            " security capacity development infrastructure inclusion platforms regulation"
            " innovation communities frameworks standards accountability transparency"
            " connectivity users privacy trust resilience sustainable multistakeholder global"
            " regional national local public private sector civil society technical community"
            " government youth women participants panel session discussion experience practice"
            " approach model principles evidence research tools networks services markets"
            " content moderation safety children education skills literacy affordability"
            " spectrum satellites cables language diversity culture environment energy"
            " emissions cybercrime norms encryption identity payments algorithms intelligence"
            " artificial openness interoperability fragmentation sovereignty commons investment"
            " funding partnerships implementation monitoring review accessibility equality"
        ),
        _split(
            "the the the of of of and and to to in in for with on that is are by as from"
            " their more should can was were this these between across"
        ),
    ),
    "fr": Lang(
        "fr",
        _split(
            "gouvernance numérique internet parties prenantes politique données accès droits"
            " coopération sécurité capacités développement infrastructure inclusion plateformes"
            " réglementation innovation communautés cadres normes responsabilité transparence"
            " connectivité utilisateurs vie privée confiance résilience durable mondial régional"
            " national local public privé secteur société civile technique gouvernement jeunes"
            " femmes participants débat séance expérience pratique approche modèle principes"
            " recherche outils réseaux services contenus modération enfants éducation"
            " compétences langues diversité culture environnement énergie cybercriminalité"
            " chiffrement identité algorithmes intelligence artificielle ouverture fragmentation"
            " souveraineté investissement financement partenariats œuvre suivi évaluation"
            " accessibilité égalité"
        ),
        _split(
            "la la le les les des des de de et et à pour dans sur avec une un est sont par qui plus entre"
        ),
        length_factor=1.15,
    ),
    "es": Lang(
        "es",
        _split(
            "gobernanza digital internet partes interesadas política datos acceso derechos"
            " cooperación seguridad capacidades desarrollo infraestructura inclusión plataformas"
            " regulación innovación comunidades marcos normas rendición cuentas transparencia"
            " conectividad usuarios privacidad confianza resiliencia sostenible mundial regional"
            " nacional local público privado sector sociedad civil técnica gobierno jóvenes"
            " mujeres participantes debate sesión experiencia práctica enfoque modelo principios"
            " investigación herramientas redes servicios contenidos moderación niños educación"
            " habilidades idiomas diversidad cultura ambiente energía ciberdelincuencia cifrado"
            " identidad algoritmos inteligencia artificial apertura fragmentación soberanía"
            " inversión financiación alianzas aplicación seguimiento evaluación asequibilidad"
            " igualdad"
        ),
        _split(
            "la la el los las de de del y y para en en con una un es son por que más entre sobre"
        ),
        length_factor=1.12,
    ),
    "ru": Lang(
        "ru",
        _split(
            "управление цифровой интернет заинтересованные стороны политика данные доступ права"
            " сотрудничество безопасность потенциал развитие инфраструктура инклюзивность"
            " платформы регулирование инновации сообщества рамки стандарты подотчётность"
            " прозрачность подключение пользователи конфиденциальность доверие устойчивость"
            " глобальный региональный национальный местный общественный частный сектор"
            " гражданское общество техническое правительство молодёжь женщины участники"
            " дискуссия сессия опыт практика подход модель принципы исследования инструменты"
            " сети услуги контент модерация дети образование навыки языки разнообразие культура"
            " среда энергия киберпреступность шифрование идентичность алгоритмы искусственный"
            " интеллект открытость фрагментация суверенитет инвестиции финансирование"
            " партнёрство выполнение мониторинг оценка доступность равенство"
        ),
        _split("и и и в в на для с по что это как из о к между более"),
        length_factor=0.92,
    ),
    "zh": Lang(
        "zh",
        _split(
            "治理 数字 互联网 利益 相关方 政策 数据 接入 权利 合作 安全 能力 发展 基础设施 包容"
            " 平台 监管 创新 社区 框架 标准 问责 透明 连接 用户 隐私 信任 韧性 可持续 全球 区域"
            " 国家 地方 公共 私营 部门 民间 社会 技术 政府 青年 妇女 参与者 讨论 会议 经验 实践"
            " 方法 模式 原则 研究 工具 网络 服务 内容 审核 儿童 教育 技能 语言 多样性 文化 环境"
            " 能源 网络犯罪 加密 身份 算法 人工智能 开放 碎片化 主权 投资 资金 伙伴关系 实施 监测"
            " 评估 可负担 平等"
        ),
        _split("的 的 的 和 在 与 对 是 为 了 以及 通过"),
        sep="",
        comma="，",
        stop="。",
        capitalize=False,
        length_factor=0.9,
    ),
    "ar": Lang(
        "ar",
        _split(
            "الحوكمة الرقمية الإنترنت أصحاب المصلحة السياسات البيانات الوصول الحقوق التعاون"
            " الأمن القدرات التنمية البنية التحتية الشمول المنصات التنظيم الابتكار المجتمعات"
            " الأطر المعايير المساءلة الشفافية الاتصال المستخدمين الخصوصية الثقة المرونة"
            " المستدامة العالمي الإقليمي الوطني المحلي العام الخاص القطاع المجتمع المدني التقني"
            " الحكومة الشباب النساء المشاركون النقاش الجلسة الخبرة الممارسة النهج النموذج"
            " المبادئ البحث الأدوات الشبكات الخدمات المحتوى الإشراف الأطفال التعليم المهارات"
            " اللغات التنوع الثقافة البيئة الطاقة الجرائم الإلكترونية التشفير الهوية"
            " الخوارزميات الذكاء الاصطناعي الانفتاح التجزئة السيادة الاستثمار التمويل الشراكات"
            " التنفيذ الرصد التقييم المساواة"
        ),
        _split("في في من من على إلى و و مع عن أن هذا بين"),
        comma="،",
        capitalize=False,
        length_factor=0.95,
    ),
}

HEADINGS: dict[str, tuple[str, str]] = {
    "en": ("Discussion", "Way forward"),
    "fr": ("Discussion", "Perspectives"),
    "es": ("Debate", "Próximos pasos"),
    "ru": ("Обсуждение", "Дальнейшие шаги"),
    "zh": ("讨论", "下一步"),
    "ar": ("النقاش", "الخطوات التالية"),
}

HOME_TITLES: dict[str, str] = {
    "en": "Internet Governance Forum outcomes",
    "fr": "Résultats du Forum sur la gouvernance de l'internet",
    "es": "Resultados del Foro para la Gobernanza de Internet",
    "ru": "Итоги Форума по вопросам управления интернетом",
    "zh": "互联网治理论坛成果",
    "ar": "نتائج منتدى حوكمة الإنترنت",
}


# ------------------------------------------------------------------------------ text


def _rng(seed: int, *parts: object) -> random.Random:
    """A generator private to one item: string seeds are hashed with SHA-512, so stable."""
    return random.Random(":".join([str(seed), *map(str, parts)]))


def _word(rng: random.Random, lang: Lang) -> str:
    # About one word in three is a function word, as in running text.
    pool = lang.glue if rng.random() < 0.33 else lang.words
    return rng.choice(pool)


def sentence(rng: random.Random, lang: Lang, n_words: int, stop: bool = True) -> str:
    """A pseudo-sentence of n_words words, with the occasional comma."""
    words = [_word(rng, lang) for _ in range(max(1, n_words))]
    if lang.capitalize:
        words[0] = words[0][:1].upper() + words[0][1:]
    if n_words >= 10:
        cut = rng.randint(4, n_words - 4)
        words[cut] += lang.comma
    text = lang.sep.join(words)
    return text + lang.stop if stop else text


def passage(rng: random.Random, lang: Lang, n_words: int) -> str:
    """Sentences of 10-22 words adding up to about n_words words."""
    out: list[str] = []
    left = n_words
    while left > 0:
        n = min(left, rng.randint(10, 22))
        out.append(sentence(rng, lang, max(n, 4)))
        left -= n
    return (" " if lang.sep else "").join(out)


def phrase(rng: random.Random, lang: Lang, lo: int, hi: int) -> str:
    """A title-like phrase without final punctuation."""
    return sentence(rng, lang, rng.randint(lo, hi), stop=False)


def translated_names(seed: int, key: str, en: str) -> dict[str, str]:
    """A six-language name: the real English one plus pseudo-text in the other scripts."""
    names = {"en": en}
    for code in TRANSLATED_LANGS:
        rng = _rng(seed, "name", key, code)
        names[code] = phrase(rng, LANG_SPECS[code], 2, 5)
    return names


# ---------------------------------------------------------------- narrative structure


@dataclass(frozen=True)
class Block:
    """One block of a narrative: a paragraph, a heading or a bullet list."""

    kind: str  # "p" | "h" | "ul"
    words: tuple[int, ...]  # paragraph: (n,); heading: (index into HEADINGS,); list: per item


def narrative_shape(rng: random.Random) -> list[Block]:
    """3-6 paragraphs, 1-2 headings and one list, 400-700 words in total.

    The shape is drawn once per session and rendered in every language, so a translation
    has the same structure as its source, as a human translation would.
    """
    total = rng.randint(400, 700)
    n_paras = rng.randint(3, 6)
    items = tuple(rng.randint(8, 16) for _ in range(rng.randint(3, 5)))
    per_para = (total - sum(items)) // n_paras
    paras = [Block("p", (max(30, per_para + rng.randint(-20, 20)),)) for _ in range(n_paras)]
    blocks = [paras[0], Block("h", (0,)), paras[1], Block("ul", items), *paras[2:]]
    if n_paras >= 4:
        blocks.insert(len(blocks) - 1, Block("h", (1,)))
    return blocks


def render_narrative(rng: random.Random, lang: Lang, shape: Sequence[Block]) -> str:
    parts: list[str] = []
    for block in shape:
        if block.kind == "h":
            parts.append("## " + HEADINGS[lang.code][block.words[0]])
        elif block.kind == "ul":
            parts.append(
                "\n".join("- " + sentence(rng, lang, _scaled(n, lang)) for n in block.words)
            )
        else:
            text = passage(rng, lang, _scaled(block.words[0], lang))
            parts.append(_emphasize(rng, text, lang))
    return "\n\n".join(parts) + "\n"


def _scaled(n: int, lang: Lang) -> int:
    return max(1, round(n * lang.length_factor))


def _emphasize(rng: random.Random, text: str, lang: Lang) -> str:
    """Bold one content word now and then, so Markdown inline parsing has work to do."""
    if rng.random() < 0.5:
        return text
    word = rng.choice(lang.words)
    return text.replace(word, f"**{word}**", 1)


# ---------------------------------------------------------------------------- files


def write_page(path: Path, meta: dict[str, Any] | None, body: str) -> bytes:
    """Write a Markdown page with YAML front matter; return the bytes (for source_hash)."""
    text = body
    if meta is not None:
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        text = f"---\n{front}---\n\n{body}"
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def write_yaml(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


def source_hash(data: bytes) -> str:
    """The contract's source_hash: first 12 hex digits of SHA-256 of the source bytes."""
    return hashlib.sha256(data).hexdigest()[:12]


# ------------------------------------------------------------------------ registries

# (id, acronym, English name, type, url, processes); covers every body type of the contract.
BODIES: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
    (
        "itu",
        "ITU",
        "International Telecommunication Union",
        "un-agency",
        "https://www.itu.int",
        ("wsis",),
    ),
    (
        "unesco",
        "UNESCO",
        "United Nations Educational, Scientific and Cultural Organization",
        "un-agency",
        "https://www.unesco.org",
        ("wsis",),
    ),
    (
        "wipo",
        "WIPO",
        "World Intellectual Property Organization",
        "un-agency",
        "https://www.wipo.int",
        (),
    ),
    (
        "undp",
        "UNDP",
        "United Nations Development Programme",
        "un-agency",
        "https://www.undp.org",
        (),
    ),
    (
        "ohchr",
        "OHCHR",
        "Office of the United Nations High Commissioner for Human Rights",
        "un-organ",
        "https://www.ohchr.org",
        (),
    ),
    (
        "unga",
        "UNGA",
        "United Nations General Assembly",
        "un-organ",
        "https://www.un.org/en/ga",
        ("wsis", "gdc"),
    ),
    ("hrc", "HRC", "Human Rights Council", "un-organ", "https://www.ohchr.org/en/hrbodies/hrc", ()),
    (
        "unctad",
        "UNCTAD",
        "United Nations Conference on Trade and Development",
        "un-organ",
        "https://unctad.org",
        (),
    ),
    (
        "odet",
        "ODET",
        "Office for Digital and Emerging Technologies",
        "un-organ",
        "https://www.un.org/digital-emerging-technologies",
        ("gdc",),
    ),
    (
        "cstd",
        "CSTD",
        "Commission on Science and Technology for Development",
        "un-process",
        "https://unctad.org/topic/commission-on-science-and-technology-for-development",
        ("wsis",),
    ),
    (
        "wsis-forum",
        "WSIS Forum",
        "World Summit on the Information Society Forum",
        "un-process",
        "https://www.itu.int/net4/wsis/forum",
        ("wsis",),
    ),
    (
        "oecd",
        "OECD",
        "Organisation for Economic Co-operation and Development",
        "igo",
        "https://www.oecd.org",
        (),
    ),
    ("wto", "WTO", "World Trade Organization", "igo", "https://www.wto.org", ()),
    ("council-of-europe", "CoE", "Council of Europe", "regional-igo", "https://www.coe.int", ()),
    ("african-union", "AU", "African Union Commission", "regional-igo", "https://au.int", ()),
    (
        "european-commission",
        "EC",
        "European Commission",
        "regional-igo",
        "https://commission.europa.eu",
        (),
    ),
    (
        "asean",
        "ASEAN",
        "Association of Southeast Asian Nations",
        "regional-igo",
        "https://asean.org",
        (),
    ),
    ("oas", "OAS", "Organization of American States", "regional-igo", "https://www.oas.org", ()),
    ("ipu", "IPU", "Inter-Parliamentary Union", "parliament", "https://www.ipu.org", ()),
    ("ietf", "IETF", "Internet Engineering Task Force", "standards", "https://www.ietf.org", ()),
    ("w3c", "W3C", "World Wide Web Consortium", "standards", "https://www.w3.org", ()),
    (
        "icann",
        "ICANN",
        "Internet Corporation for Assigned Names and Numbers",
        "technical",
        "https://www.icann.org",
        (),
    ),
    (
        "foc",
        "FOC",
        "Freedom Online Coalition",
        "coalition",
        "https://freedomonlinecoalition.com",
        (),
    ),
    (
        "norway-mfa",
        "MFA Norway",
        "Norwegian Ministry of Foreign Affairs",
        "government",
        "https://www.regjeringen.no/en/dep/ud",
        (),
    ),
    ("afigf", "AfIGF", "African Internet Governance Forum", "nri", "https://afigf.africa", ()),
)
BODY_IDS: tuple[str, ...] = tuple(b[0] for b in BODIES)

# (id, kind, acronym, English name, id token used in message ids)
GROUPS: tuple[tuple[str, str, str, str, str], ...] = (
    ("bpf-cybersecurity", "bpf", "BPF Cyber", "Best Practice Forum on Cybersecurity", "BPF-CYBER"),
    ("bpf-ai", "bpf", "BPF AI", "Best Practice Forum on Artificial Intelligence", "BPF-AI"),
    ("dc-irpc", "dc", "IRPC", "Dynamic Coalition on Internet Rights and Principles", "DC-IRPC"),
    ("dc-sids", "dc", "DC SIDS", "Dynamic Coalition on Small Island Developing States", "DC-SIDS"),
    ("pn-meaningful-access", "pn", "PNMA", "Policy Network on Meaningful Access", "PN-MA"),
    (
        "pn-internet-fragmentation",
        "pn",
        "PNIF",
        "Policy Network on Internet Fragmentation",
        "PN-IF",
    ),
)


def bodies_registry(seed: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for body_id, acronym, name, kind, url, processes in BODIES:
        entry: dict[str, Any] = {
            "id": body_id,
            "acronym": acronym,
            "name": translated_names(seed, body_id, name),
            "type": kind,
            "url": url,
        }
        if processes:
            entry["processes"] = list(processes)
        out.append(entry)
    return out


def groups_registry(seed: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for group_id, kind, acronym, name, _token in GROUPS:
        rng = _rng(seed, "group", group_id)
        out.append(
            {
                "id": group_id,
                "kind": kind,
                "acronym": acronym,
                "name": translated_names(seed, group_id, name),
                "url": f"https://www.intgovforum.org/en/{group_id}",
                "stakeholder_groups": sorted(rng.sample(STAKEHOLDERS, rng.randint(2, 4))),
            }
        )
    return out


# -------------------------------------------------------------------------- editions

# Real host cities and opening days; used when the year is known, for realism only.
HOSTS: dict[int, tuple[str, str, dt.date]] = {
    2006: ("Athens", "Greece", dt.date(2006, 10, 30)),
    2007: ("Rio de Janeiro", "Brazil", dt.date(2007, 11, 12)),
    2008: ("Hyderabad", "India", dt.date(2008, 12, 3)),
    2009: ("Sharm El Sheikh", "Egypt", dt.date(2009, 11, 15)),
    2010: ("Vilnius", "Lithuania", dt.date(2010, 9, 14)),
    2011: ("Nairobi", "Kenya", dt.date(2011, 9, 27)),
    2012: ("Baku", "Azerbaijan", dt.date(2012, 11, 6)),
    2013: ("Bali", "Indonesia", dt.date(2013, 10, 22)),
    2014: ("Istanbul", "Türkiye", dt.date(2014, 9, 2)),
    2015: ("João Pessoa", "Brazil", dt.date(2015, 11, 10)),
    2016: ("Guadalajara", "Mexico", dt.date(2016, 12, 6)),
    2017: ("Geneva", "Switzerland", dt.date(2017, 12, 18)),
    2018: ("Paris", "France", dt.date(2018, 11, 12)),
    2019: ("Berlin", "Germany", dt.date(2019, 11, 25)),
    2020: ("Online", "Online", dt.date(2020, 11, 9)),
    2021: ("Katowice", "Poland", dt.date(2021, 12, 6)),
    2022: ("Addis Ababa", "Ethiopia", dt.date(2022, 11, 28)),
    2023: ("Kyoto", "Japan", dt.date(2023, 10, 8)),
    2024: ("Riyadh", "Saudi Arabia", dt.date(2024, 12, 15)),
    2025: ("Lillestrøm", "Norway", dt.date(2025, 6, 23)),
}

TRACK_POOL: tuple[tuple[str, str], ...] = (
    ("trust", "Digital trust and resilience"),
    ("access", "Universal access and meaningful connectivity"),
    ("ai", "Governing artificial intelligence"),
    ("rights", "Human rights and freedoms online"),
    ("sustainability", "Digital technologies for sustainable development"),
    ("cooperation", "Digital cooperation and the future of the IGF"),
    ("data", "Data governance and cross-border flows"),
    ("fragmentation", "Avoiding internet fragmentation"),
)

THEMES: tuple[str, ...] = (
    "Building Digital Governance Together",
    "The Internet We Want",
    "Upholding Human Rights Online",
    "Internet United",
    "Empowering All People",
    "Building Our Multistakeholder Digital Future",
)


@dataclass(frozen=True)
class Edition:
    year: int
    start: dt.date
    end: dt.date
    tracks: tuple[str, ...]


def edition_years(editions: int) -> list[int]:
    return list(range(LAST_YEAR - editions + 1, LAST_YEAR + 1))


def make_edition(year: int) -> Edition:
    _city, _country, start = HOSTS.get(year, ("Geneva", "Switzerland", dt.date(year, 11, 10)))
    # Rotate through the pool so consecutive editions share some tracks, as real ones do.
    offset = year % len(TRACK_POOL)
    tracks = tuple(TRACK_POOL[(offset + i) % len(TRACK_POOL)][0] for i in range(TRACKS_PER_EDITION))
    return Edition(year, start, start + dt.timedelta(days=4), tracks)


def write_edition(content: Path, seed: int, edition: Edition) -> None:
    year = edition.year
    rng = _rng(seed, "edition", year)
    city, country, _ = HOSTS.get(year, ("Geneva", "Switzerland", edition.start))
    track_titles = dict(TRACK_POOL)
    meta: dict[str, Any] = {
        "edition": year,
        "number": year - 2005,
        "title": translated_names(
            seed, f"edition-{year}", f"IGF {year}: {THEMES[year % len(THEMES)]}"
        ),
        "city": city,
        "country": country,
        "dates": {"start": edition.start, "end": edition.end},
        "format": _edition_format(year),
        "tracks": [
            {
                "id": track,
                "title": translated_names(seed, f"track-{year}-{track}", track_titles[track]),
                "narrative": {
                    code: passage(
                        _rng(seed, "track-narrative", year, track, code), LANG_SPECS[code], 60
                    )
                    for code in LANGS
                },
            }
            for track in edition.tracks
        ],
        "messages_status": "draft" if year == LAST_YEAR else "final",
    }
    if year == LAST_YEAR:
        meta["consultation"] = {"open": dt.date(year, 7, 1), "close": dt.date(year, 7, 31)}
    en = LANG_SPECS["en"]
    body = passage(rng, en, 120) + "\n\n" + passage(rng, en, 90) + "\n"
    write_page(content / "editions" / f"{year}.md", meta, body)


def _edition_format(year: int) -> str:
    if year == 2020:
        return "online"
    return "hybrid" if year >= 2021 else "in-person"


# -------------------------------------------------------------------------- sessions

# (type, id token, weight): workshops dominate real programmes.
SESSION_TYPES: tuple[tuple[str, str, int], ...] = (
    ("workshop", "WS", 40),
    ("open-forum", "OF", 14),
    ("town-hall", "TH", 4),
    ("main", "MS", 3),
    ("dc", "DC", 6),
    ("bpf", "BPF", 2),
    ("pn", "PN", 2),
    ("nri", "NRI", 5),
    ("networking", "NS", 5),
    ("lightning", "LT", 8),
    ("launch-award", "LA", 3),
    ("day0", "D0", 4),
    ("high-level", "HL", 2),
    ("parliamentary", "PT", 1),
    ("youth", "YT", 1),
    ("open-mic", "OM", 1),
)

TITLE_TOPICS: tuple[str, ...] = (
    "Data governance",
    "AI accountability",
    "Meaningful connectivity",
    "Child online safety",
    "Content moderation",
    "Digital public infrastructure",
    "Cybersecurity norms",
    "Submarine cables",
    "Internet fragmentation",
    "Digital identity",
    "Multilingual internet",
    "Open source",
    "Misinformation",
    "Green digital transition",
    "Community networks",
    "Platform regulation",
)
TITLE_GOALS: tuple[str, ...] = (
    "for AI",
    "for sustainable development",
    "for human rights",
    "for inclusive economies",
    "for resilient societies",
    "for trusted elections",
    "for the next billion users",
    "for youth",
)
TITLE_PLACES: tuple[str, ...] = (
    "in the Global South",
    "in Africa",
    "in small island states",
    "across borders",
    "in Latin America",
    "in Asia-Pacific",
    "in the Arab region",
    "in Europe",
    "at the local level",
    "worldwide",
)
FIRST_NAMES: tuple[str, ...] = (
    "Amina",
    "Lucas",
    "Mei",
    "Omar",
    "Sofía",
    "Ivan",
    "Priya",
    "Kwame",
    "Elena",
    "Tomás",
    "Aiko",
    "Fatima",
    "Jonas",
    "Nadia",
    "Rafael",
    "Leila",
)
LAST_NAMES: tuple[str, ...] = (
    "Diallo",
    "Silva",
    "Chen",
    "Haddad",
    "García",
    "Petrov",
    "Sharma",
    "Mensah",
    "Rossi",
    "Novak",
    "Tanaka",
    "El-Amin",
    "Berg",
    "Kowalski",
    "Okafor",
    "Nguyen",
)
ORGANIZERS: tuple[str, ...] = (
    "Internet Society",
    "Access Now",
    "ICANN",
    "Digital Rights Foundation",
    "APC",
    "UNESCO",
    "Government of Kenya",
    "Youth IGF",
    "ISOC Brazil Chapter",
    "Research ICT Africa",
    "Meta",
    "Google",
    "Microsoft",
    "EuroDIG",
    "LACNIC",
    "Global Partners Digital",
    "CIGI",
    "ITU",
)


@dataclass(frozen=True)
class SessionRef:
    """Enough about a session to name and place its file."""

    year: int
    number: int  # 1-based, within the edition
    type: str
    token: str

    @property
    def id(self) -> str:
        return f"IGF{self.year}-{self.token}-{self.number:04d}"

    @property
    def stem(self) -> str:
        return self.id.lower()


def sessions_per_edition(sessions: int, years: Sequence[int]) -> dict[int, int]:
    """Spread sessions evenly; the remainder goes to the most recent editions."""
    base, extra = divmod(sessions, len(years))
    return {year: base + (1 if i >= len(years) - extra else 0) for i, year in enumerate(years)}


def plan_sessions(seed: int, counts: dict[int, int]) -> list[SessionRef]:
    types = [t for t, _, _ in SESSION_TYPES]
    tokens = {t: tok for t, tok, _ in SESSION_TYPES}
    weights = [w for _, _, w in SESSION_TYPES]
    refs: list[SessionRef] = []
    for year, count in counts.items():
        rng = _rng(seed, "plan", year)
        for number in range(1, count + 1):
            kind = rng.choices(types, weights)[0]
            refs.append(SessionRef(year, number, kind, tokens[kind]))
    return refs


def session_title(rng: random.Random) -> str:
    return f"{rng.choice(TITLE_TOPICS)} {rng.choice(TITLE_GOALS)} {rng.choice(TITLE_PLACES)}"


def session_meta(rng: random.Random, ref: SessionRef, edition: Edition) -> dict[str, Any]:
    en = LANG_SPECS["en"]
    meta: dict[str, Any] = {
        "id": ref.id,
        "edition": ref.year,
        "type": ref.type,
        "title": session_title(rng),
        "track": rng.choice(edition.tracks),
        "date": edition.start
        + dt.timedelta(days=rng.randint(0, (edition.end - edition.start).days)),
        "rapporteur": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "organizers": rng.sample(ORGANIZERS, rng.randint(1, 3)),
        "stakeholders": sorted(rng.sample(STAKEHOLDERS, rng.randint(1, 4))),
        "key_takeaways": [passage(rng, en, rng.randint(18, 40)) for _ in range(rng.randint(1, 3))],
    }
    ctas = [
        {
            "text": passage(rng, en, rng.randint(15, 35)),
            "to": rng.sample(BODY_IDS, rng.randint(1, 3)),
        }
        for _ in range(rng.randint(0, 3))
    ]
    if ctas:
        meta["calls_to_action"] = ctas
    meta["participants"] = {"onsite": rng.randint(10, 400), "online": rng.randint(5, 600)}
    meta["links"] = {
        "video": f"https://www.youtube.com/watch?v={_video_id(rng)}",
        "transcript": f"https://www.intgovforum.org/en/content/{ref.stem}-transcript",
    }
    return meta


def _video_id(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(11))


def translation_meta(
    rng: random.Random, lang: Lang, source: dict[str, Any], source_bytes: bytes
) -> dict[str, Any]:
    """Text fields only, with the same list lengths; structural fields are inherited."""
    meta: dict[str, Any] = {
        "title": phrase(rng, lang, 5, 10),
        "key_takeaways": [passage(rng, lang, _scaled(28, lang)) for _ in source["key_takeaways"]],
    }
    if "calls_to_action" in source:
        meta["calls_to_action"] = [
            {"text": passage(rng, lang, _scaled(25, lang))} for _ in source["calls_to_action"]
        ]
    meta["translation"] = {"status": "human", "source_hash": source_hash(source_bytes)}
    return meta


def write_session(
    content: Path, seed: int, ref: SessionRef, edition: Edition, translated: bool
) -> int:
    """Write a session and, if asked, its five translations; return the files written."""
    rng = _rng(seed, "session", ref.id)
    meta = session_meta(rng, ref, edition)
    shape = narrative_shape(rng)
    folder = content / "sessions" / str(ref.year)
    source = write_page(
        folder / f"{ref.stem}.md", meta, render_narrative(rng, LANG_SPECS["en"], shape)
    )
    if not translated:
        return 1
    for code in TRANSLATED_LANGS:
        lang = LANG_SPECS[code]
        trng = _rng(seed, "translation", ref.id, code)
        tmeta = translation_meta(trng, lang, meta, source)
        write_page(folder / f"{ref.stem}.{code}.md", tmeta, render_narrative(trng, lang, shape))
    return 1 + len(TRANSLATED_LANGS)


def pick_translated(seed: int, refs: Sequence[SessionRef], share: float) -> set[str]:
    """Exactly round(share * n) sessions, chosen uniformly, independent of other knobs."""
    n = round(max(0.0, min(1.0, share)) * len(refs))
    return {ref.id for ref in _rng(seed, "translated").sample(list(refs), n)}


# -------------------------------------------------------------------------- messages


def messages_for(year: int) -> list[tuple[str, str, str, str, str]]:
    """One BPF, one DC and one PN per edition, alternating between the two of each kind."""
    # GROUPS lists kinds in pairs, so every other entry gives one group of each kind.
    return list(GROUPS[year % 2 :: 2])


def write_messages(content: Path, seed: int, year: int) -> int:
    en = LANG_SPECS["en"]
    written = 0
    for group_id, _kind, _acronym, name, token in messages_for(year):
        rng = _rng(seed, "messages", year, group_id)
        msg_id = f"{token}-{year}"
        meta: dict[str, Any] = {
            "id": msg_id,
            "edition": year,
            "group": group_id,
            "title": f"{name}: {year} output",
            "status": "consultation" if year == LAST_YEAR else "final",
            "key_takeaways": [
                passage(rng, en, rng.randint(20, 40)) for _ in range(rng.randint(2, 4))
            ],
            "recommendations": [
                {
                    "text": passage(rng, en, rng.randint(15, 35)),
                    "to": rng.sample(BODY_IDS, rng.randint(1, 3)),
                }
                for _ in range(rng.randint(1, 3))
            ],
        }
        if rng.random() < 0.5:
            meta["minority_views"] = [passage(rng, en, rng.randint(15, 30))]
        meta["full_report"] = (
            f"https://www.intgovforum.org/en/filedepot_download/{msg_id.lower()}.pdf"
        )
        body = render_narrative(rng, en, narrative_shape(rng))
        write_page(content / "messages" / str(year) / f"{msg_id.lower()}.md", meta, body)
        written += 1
    return written


# ------------------------------------------------------------------------------ home


def write_home(content: Path, seed: int) -> None:
    for code in LANGS:
        rng = _rng(seed, "home", code)
        lang = LANG_SPECS[code]
        body = f"# {HOME_TITLES[code]}\n\n{passage(rng, lang, 80)}\n\n{passage(rng, lang, 60)}\n"
        name = "index.md" if code == "en" else f"index.{code}.md"
        write_page(content / name, None, body)


# ------------------------------------------------------------------------------ main


def generate(
    dest: Path, sessions: int, editions: int, translated_share: float, seed: int = 1
) -> None:
    """Write a contract-valid archive to dest/content (dest/content must not hold stale files)."""
    if editions < 1 or sessions < 0:
        raise ValueError("need editions >= 1 and sessions >= 0")
    content = dest / "content"
    write_home(content, seed)
    write_yaml(content / "registry" / "bodies.yml", bodies_registry(seed))
    write_yaml(content / "registry" / "groups.yml", groups_registry(seed))
    years = edition_years(editions)
    by_year = {year: make_edition(year) for year in years}
    for edition in by_year.values():
        write_edition(content, seed, edition)
        write_messages(content, seed, edition.year)
    refs = plan_sessions(seed, sessions_per_edition(sessions, years))
    translated = pick_translated(seed, refs, translated_share)
    for ref in refs:
        write_session(content, seed, ref, by_year[ref.year], ref.id in translated)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "dest", type=Path, help="folder to create; the archive goes to DEST/content"
    )
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--editions", type=int, default=7)
    parser.add_argument(
        "--translated", type=float, default=0.3, help="share of sessions translated"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.dest, args.sessions, args.editions, args.translated, args.seed)
    print(f"wrote {args.dest / 'content'}")


if __name__ == "__main__":
    main()
