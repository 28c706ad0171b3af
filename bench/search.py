"""Search benchmark: indexing time, results-page latency and Chinese recall/precision, per engine and corpus size.

    .venv/bin/python bench/search.py [--sizes 10000 100000] [--engines sqlite postgresql elastic] [--queries 3]

Each engine and size runs in a child process with its own throw-away database (a temporary SQLite file, or a
temporary PostgreSQL database on DATABASE_URL's server when PostgreSQL is reachable) and, for Elasticsearch,
osmem (the in-memory OpenSearch-compatible server of the test suite). The corpus is synthetic and bilingual
(half the pages Chinese, half English), built as page rows in bulk and documents handed straight to the
engine's rebuild (the time of reading Wagtail pages is not part of "indexing"). A results page is what the
search page asks for: count, top 20, highlights from the original text and both facets. Figures are printed,
never asserted.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"


def _words(text):
    return text.split()


# The Chinese words whose recall and precision are measured (2 to 4 characters).
WORDS = [
    "医学", "基因", "肿瘤", "免疫", "疫苗", "病毒", "细胞", "神经",
    "科学院", "蛋白质", "干细胞", "心血管", "脑科学", "微生物", "生物学", "抗体药",
    "人工智能", "精准医疗", "临床试验", "基因编辑", "代谢疾病", "医学影像", "转化医学", "单细胞组",
]  # fmt: skip
# Filler words (may form measured words by chance next to each other: the truth is computed on the text).
FILLER = _words(
    "研究 发展 中心 平台 团队 项目 国际 合作 深圳 技术 创新 数据 成果 发布 会议 专家 领域 方向 重要 推动 建设 服务 "
    "人才 培养 支持 计划 实验 分析 方法 模型 系统 治疗 诊断 健康 患者 药物 设备 材料 信息 管理 城市 湾区 青年 学者 "
    "论文 期刊 合成 预防 公共 卫生 医院 大学 实验室 工程 标准 质量 安全 社会 经济 政策 开放 共享 交流 论坛 报告 年度"
)
EN_WORDS = _words(
    "research study studies studying medicine medical clinical trial trials gene genes editing cancer tumour immune "
    "vaccine virus cell cells neuroscience brain heart health patient patients data model models platform centre "
    "shenzhen academy translational precision imaging biology protein stem metabolic disease diseases programme "
    "fund funding international cooperation innovation report annual symposium lecture scholar young talent"
)
EN_QUERIES = ["research", "clinical trials", "gene editing", "cancer", "precision medicine", "stem cells"]
MIXED_QUERIES = ["AI 医学", "CRISPR 基因编辑", "医"]
CONTENT_TYPES = ["content.standardpage", "content.newsarticlepage", "content.sectionindexpage"]


def chinese_text(rng, sentences):
    parts = []
    for _ in range(sentences):
        words = []
        for _ in range(rng.randint(6, 16)):
            words.append(rng.choice(WORDS) if rng.random() < 0.012 else rng.choice(FILLER))
        if rng.random() < 0.05:
            words.insert(rng.randint(0, len(words)), rng.choice(["AI", "CRISPR", "mRNA", "2024年"]))
        parts.append("".join(words) + rng.choice("。，；、"))
    return "".join(parts)


def english_text(rng, sentences):
    parts = []
    for _ in range(sentences):
        words = [rng.choice(EN_WORDS) for _ in range(rng.randint(6, 14))]
        if rng.random() < 0.03:
            words.append("深圳医学科学院")
        parts.append(" ".join(words).capitalize() + ".")
    return " ".join(parts)


def corpus(size, seed=42):
    """(page fields, document fields) of a deterministic synthetic bilingual corpus."""
    import datetime

    rng = random.Random(seed)
    for number in range(size):
        chinese = number % 2 == 0
        if chinese:
            title = chinese_text(rng, 1)[:-1][:30]
            summary = chinese_text(rng, 2)
            body = chinese_text(rng, rng.randint(8, 20))
        else:
            title = english_text(rng, 1)[:80]
            summary = english_text(rng, 2)
            body = english_text(rng, rng.randint(6, 16))
        yield {
            "number": number,
            "locale": "zh-hans" if chinese else "en",
            "title": title,
            "summary": summary,
            "body": body,
            "content_type": rng.choice(CONTENT_TYPES),
            "date": datetime.date(2018 + rng.randint(0, 7), rng.randint(1, 12), rng.randint(1, 28)),
        }


# The child process: one engine, one size.


def setup_django(database_url):
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def make_pages(size):
    """Page rows in bulk (base wagtailcore.Page only: the engine needs their ids, not their models)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("zh-hans", "en")}
    root = Page.get_first_root_node()
    parent = root.add_child(instance=Page(title="bench", slug="bench", locale=locales["zh-hans"]))
    page_type = ContentType.objects.get_for_model(Page)
    steplen = Page.steplen
    alphabet = Page.alphabet
    base = len(alphabet)

    def step(n):
        digits = []
        for _ in range(steplen):
            n, remainder = divmod(n, base)
            digits.append(alphabet[remainder])
        return "".join(reversed(digits))

    ids = []
    batch = []
    for number in range(size):
        batch.append(
            Page(
                path=parent.path + step(number + 1),
                depth=parent.depth + 1,
                numchild=0,
                title=f"p{number}",
                draft_title=f"p{number}",
                slug=f"p{number}",
                content_type=page_type,
                locale=locales["zh-hans" if number % 2 == 0 else "en"],
                live=True,
                url_path=f"{parent.url_path}p{number}/",
            )
        )
        if len(batch) == 2000:
            ids.extend(p.pk for p in Page.objects.bulk_create(batch))
            batch = []
    if batch:
        ids.extend(p.pk for p in Page.objects.bulk_create(batch))
    if not all(ids):
        ids = list(Page.objects.filter(depth=parent.depth + 1).order_by("path").values_list("pk", flat=True))
    Page.objects.filter(pk=parent.pk).update(numchild=size)
    return ids


def documents(size, ids):
    from search.extract import DocumentData

    for fields, page_id in zip(corpus(size), ids, strict=True):
        yield DocumentData(
            page_id=page_id,
            locale=fields["locale"],
            url=f"/{fields['locale']}/bench/p{fields['number']}/",
            title=fields["title"],
            summary=fields["summary"],
            body=fields["body"],
            content_type=fields["content_type"],
            section="bench",
            date=fields["date"],
            tags=[],
        )


def truth(size, ids):
    """For each measured word, the ids of the Chinese pages whose text contains it."""
    found = {word: set() for word in WORDS}
    for fields, page_id in zip(corpus(size), ids, strict=True):
        if fields["locale"] != "zh-hans":
            continue
        text = "\n".join((fields["title"], fields["summary"], fields["body"]))
        for word in WORDS:
            if word in text:
                found[word].add(page_id)
    return found


def all_matches(engine, parsed):
    """Every Chinese page the engine matches (Elasticsearch pages past 10,000 hits with a scroll)."""
    if engine.name == "elastic":
        search = engine._base(parsed, ["zh-hans"]).source(["page_id"]).params(size=1000)
        return {int(hit.meta.id) for hit in search.scan()}
    raw = engine.search(parsed, ["zh-hans"], "zh-hans", limit=10)
    if not raw.total:
        return set()
    raw = engine.search(parsed, ["zh-hans"], "zh-hans", limit=raw.total)
    return {hit.page_id for hit in raw.hits}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_child(engine_name, size, database_url, repeats):
    setup_django(database_url)
    from django.test.utils import override_settings

    from search import query
    from search.engines import get_engine
    from search.text import parse_query

    overrides = {"SEARCH_ENGINE": "embedded"}
    server = None
    if engine_name == "elastic":
        from osmem_server import OsmemServer

        from search.testing import PlainJsonNode

        server = OsmemServer.start()
        overrides = {
            "SEARCH_ENGINE": "elastic",
            "ELASTICSEARCH_URL": server.url,
            "SEARCH_ES_INDEX": "bench-pages",
            "SEARCH_ES_OPTIONS": {"node_class": PlainJsonNode, "request_timeout": 300},
        }
    try:
        with override_settings(**overrides):
            ids = make_pages(size)
            engine = get_engine()
            prepared = list(documents(size, ids))  # the synthetic text is made before the clock starts
            started = time.perf_counter()
            count = engine.rebuild(prepared)
            indexing = time.perf_counter() - started
            assert count == size, (count, size)

            queries = [(w, "zh-hans") for w in WORDS] + [(q, "en") for q in EN_QUERIES]
            queries += [(q, "zh-hans") for q in MIXED_QUERIES]
            for q, locale in queries[:5]:  # warm-up
                query.search(q, locale)
            latencies = []
            for _ in range(repeats):
                for q, locale in queries:
                    started = time.perf_counter()
                    results = query.search(q, locale)
                    latencies.append((time.perf_counter() - started) * 1000)
                    assert not results.error, q
            suggest_latencies = []
            for prefix in ["人工智", "医", "精准医", "resea", "clin"]:
                started = time.perf_counter()
                query.suggest(prefix, "zh-hans" if not prefix.isascii() else "en")
                suggest_latencies.append((time.perf_counter() - started) * 1000)

            expected = truth(size, ids)
            recalls, precisions = [], []
            for word in WORDS:
                parsed = parse_query(word)
                got = all_matches(engine, parsed)
                relevant = expected[word]
                hit_count = len(got & relevant)
                recalls.append(hit_count / len(relevant) if relevant else 1.0)
                precisions.append(hit_count / len(got) if got else 1.0)
        return {
            "engine": engine_name,
            "size": size,
            "indexing_s": round(indexing, 2),
            "docs_per_s": round(size / indexing),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "max_ms": round(max(latencies), 1),
            "suggest_p50_ms": round(statistics.median(suggest_latencies), 1),
            "recall": round(min(recalls), 4),
            "precision": round(min(precisions), 4),
            "mean_recall": round(statistics.mean(recalls), 4),
            "mean_precision": round(statistics.mean(precisions), 4),
            "relevant_docs": sum(len(v) for v in expected.values()),
        }
    finally:
        if server is not None:
            server.close()


# The parent process: databases, children, the table.


def postgres_available(url):
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=3):
            return True
    except Exception:
        return False


def temp_postgres(url):
    import psycopg

    name = f"smart_bench_{os.getpid()}"
    admin = url.replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name, name


def drop_postgres(url, name):
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql", "elastic"])
    parser.add_argument("--queries", type=int, default=3, help="repetitions of the query list")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG))
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "SIZE", "DATABASE_URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        engine_name, size, database_url = args.child
        print(json.dumps(run_child(engine_name, int(size), database_url, args.queries)))
        return

    rows = []
    for size in args.sizes:
        for engine in args.engines:
            with tempfile.TemporaryDirectory(prefix="smart-bench-") as tmp:
                pg_name = None
                if engine == "postgresql":
                    if not postgres_available(args.postgres):
                        print(f"skip postgresql: no server at {args.postgres}", file=sys.stderr)
                        continue
                    database_url, pg_name = temp_postgres(args.postgres)
                else:
                    database_url = f"sqlite:///{tmp}/bench.sqlite3"
                label = {"sqlite": "embedded/SQLite", "postgresql": "embedded/PostgreSQL", "elastic": "elastic/osmem"}
                print(f"… {label.get(engine, engine)}, {size:,} pages", file=sys.stderr, flush=True)
                try:
                    child_engine = "elastic" if engine == "elastic" else "embedded"
                    env = dict(os.environ, MEDIA_ROOT=tmp, STATIC_ROOT=tmp)
                    completed = subprocess.run(
                        [sys.executable, __file__, "--queries", str(args.queries), "--child", child_engine, str(size)]
                        + [database_url],
                        capture_output=True,
                        text=True,
                        env=env,
                        cwd=ROOT,
                    )
                finally:
                    if pg_name:
                        drop_postgres(args.postgres, pg_name)
                if completed.returncode != 0:
                    print(completed.stderr[-3000:], file=sys.stderr)
                    continue
                result = json.loads(completed.stdout.strip().splitlines()[-1])
                result["engine"] = label.get(engine, engine)
                rows.append(result)
                print_row(result, header=len(rows) == 1)
    print(
        f"{len(rows)} runs; targets (embedded/SQLite): p95 < 50 ms at 10,000 pages, < 300 ms at 100,000 pages; "
        "recall >= 0.99, precision >= 0.95 (min over the word list)."
    )


def print_row(row, header=False):
    columns = [
        ("engine", "engine", 20),
        ("size", "pages", 8),
        ("indexing_s", "index s", 8),
        ("docs_per_s", "docs/s", 7),
        ("p50_ms", "p50 ms", 7),
        ("p95_ms", "p95 ms", 7),
        ("max_ms", "max ms", 7),
        ("suggest_p50_ms", "sugg ms", 8),
        ("recall", "recall", 7),
        ("precision", "precis.", 8),
    ]
    if header:
        print(" ".join(title.rjust(width) if i else title.ljust(width) for i, (_, title, width) in enumerate(columns)))
    cells = []
    for i, (key, _, width) in enumerate(columns):
        value = row[key]
        text = f"{value:,}" if isinstance(value, int) and key == "size" else str(value)
        cells.append(text.rjust(width) if i else text.ljust(width))
    print(" ".join(cells), flush=True)


if __name__ == "__main__":
    main()
