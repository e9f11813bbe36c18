"""Search on 1,000,000 requests: p95 of name-substring, number and phone searches.

    python bench/bench_search.py [--rows 1000000] [--queries 200] [--keep DIR]

Builds a real counter database (SQLCipher, migrations to head, the search triggers live) in a
temporary folder, generates the rows fast with ``INSERT ... SELECT`` over a recursive CTE
(not the intake service: that is bench_intake.py's job) in transactions of 100,000, then
times :func:`counter_app.services.search.search_requests` — the service the UI and the CLI
call, including loading and masking the 50 result rows — for each kind of query, and prints
p50 / p95 / max in milliseconds, the generation time and the database size. Synthetic names
only (120 family names x 100 given names, kanji with furigana).

The target (issue 3): p95 <= 30 ms for name substring, number and phone. Not part of the test
suite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counter_app.domain.text import name_search_key

FAMILY = [
    ("山田", "やまだ"), ("髙橋", "たかはし"), ("𠮷田", "よしだ"), ("佐藤", "さとう"),
    ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
    ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"),
    ("加藤", "かとう"), ("吉田", "よしだ"), ("山口", "やまぐち"), ("松本", "まつもと"),
    ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"),
    ("清水", "しみず"), ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"),
    ("橋本", "はしもと"), ("阿部", "あべ"), ("石川", "いしかわ"), ("山下", "やました"),
    ("中島", "なかじま"), ("石井", "いしい"), ("小川", "おがわ"), ("前田", "まえだ"),
    ("岡田", "おかだ"), ("長谷川", "はせがわ"), ("藤田", "ふじた"), ("後藤", "ごとう"),
    ("近藤", "こんどう"), ("村上", "むらかみ"), ("遠藤", "えんどう"), ("青木", "あおき"),
    ("坂本", "さかもと"), ("斉藤", "さいとう"), ("福田", "ふくだ"), ("太田", "おおた"),
    ("西村", "にしむら"), ("藤井", "ふじい"), ("金子", "かねこ"), ("岡本", "おかもと"),
    ("藤原", "ふじわら"), ("中野", "なかの"), ("三浦", "みうら"), ("原田", "はらだ"),
    ("中川", "なかがわ"), ("松田", "まつだ"), ("竹内", "たけうち"), ("小野", "おの"),
    ("田村", "たむら"), ("中山", "なかやま"), ("和田", "わだ"), ("石田", "いしだ"),
    ("森田", "もりた"), ("上田", "うえだ"), ("原", "はら"), ("内田", "うちだ"),
    ("柴田", "しばた"), ("酒井", "さかい"), ("宮崎", "みやざき"), ("横山", "よこやま"),
    ("高木", "たかぎ"), ("安藤", "あんどう"), ("宮本", "みやもと"), ("大野", "おおの"),
    ("小島", "こじま"), ("工藤", "くどう"), ("谷口", "たにぐち"), ("今井", "いまい"),
    ("高田", "たかだ"), ("丸山", "まるやま"), ("増田", "ますだ"), ("杉山", "すぎやま"),
    ("村田", "むらた"), ("大塚", "おおつか"), ("小山", "こやま"), ("平野", "ひらの"),
    ("藤本", "ふじもと"), ("河野", "こうの"), ("上野", "うえの"), ("野口", "のぐち"),
    ("武田", "たけだ"), ("松井", "まつい"), ("千葉", "ちば"), ("岩崎", "いわさき"),
    ("菅原", "すがわら"), ("木下", "きのした"), ("久保", "くぼ"), ("佐野", "さの"),
    ("野村", "のむら"), ("松尾", "まつお"), ("市川", "いちかわ"), ("菊地", "きくち"),
    ("杉本", "すぎもと"), ("古川", "ふるかわ"), ("大西", "おおにし"), ("島田", "しまだ"),
    ("水野", "みずの"), ("桜井", "さくらい"), ("高野", "たかの"), ("渡部", "わたなべ"),
    ("吉川", "よしかわ"), ("山内", "やまうち"), ("西田", "にしだ"), ("飯田", "いいだ"),
    ("菊池", "きくち"), ("西川", "にしかわ"), ("小松", "こまつ"), ("北村", "きたむら"),
    ("安田", "やすだ"), ("五十嵐", "いがらし"), ("川口", "かわぐち"), ("平田", "ひらた"),
]  # fmt: skip
GIVEN = [
    ("花子", "はなこ"), ("一郎", "いちろう"), ("太郎", "たろう"), ("次郎", "じろう"),
    ("三郎", "さぶろう"), ("健", "けん"), ("誠", "まこと"), ("翔", "しょう"),
    ("大輔", "だいすけ"), ("直樹", "なおき"), ("隆", "たかし"), ("浩", "ひろし"),
    ("修", "おさむ"), ("明", "あきら"), ("学", "まなぶ"), ("悠斗", "ゆうと"),
    ("蓮", "れん"), ("陽翔", "はると"), ("湊", "みなと"), ("大和", "やまと"),
    ("和子", "かずこ"), ("洋子", "ようこ"), ("幸子", "さちこ"), ("恵子", "けいこ"),
    ("京子", "きょうこ"), ("陽子", "ようこ"), ("久美子", "くみこ"), ("由美子", "ゆみこ"),
    ("真由美", "まゆみ"), ("美穂", "みほ"), ("愛", "あい"), ("葵", "あおい"),
    ("結衣", "ゆい"), ("陽菜", "ひな"), ("美咲", "みさき"), ("さくら", "さくら"),
    ("七海", "ななみ"), ("優子", "ゆうこ"), ("智子", "ともこ"), ("裕子", "ゆうこ"),
    ("正", "ただし"), ("進", "すすむ"), ("勇", "いさむ"), ("茂", "しげる"),
    ("清", "きよし"), ("実", "みのる"), ("豊", "ゆたか"), ("博", "ひろし"),
    ("稔", "みのる"), ("昇", "のぼる"), ("拓也", "たくや"), ("健太", "けんた"),
    ("翔太", "しょうた"), ("大樹", "だいき"), ("亮", "りょう"), ("涼", "りょう"),
    ("達也", "たつや"), ("和也", "かずや"), ("哲也", "てつや"), ("雅人", "まさと"),
    ("典子", "のりこ"), ("順子", "じゅんこ"), ("節子", "せつこ"), ("文子", "ふみこ"),
    ("千尋", "ちひろ"), ("舞", "まい"), ("彩", "あや"), ("瞳", "ひとみ"),
    ("麻衣", "まい"), ("絵美", "えみ"), ("奈々", "なな"), ("沙織", "さおり"),
    ("香織", "かおり"), ("理恵", "りえ"), ("紀子", "のりこ"), ("直子", "なおこ"),
    ("康弘", "やすひろ"), ("秀樹", "ひでき"), ("光", "ひかる"), ("剛", "つよし"),
    ("聡", "さとし"), ("敦", "あつし"), ("純一", "じゅんいち"), ("賢治", "けんじ"),
    ("英樹", "ひでき"), ("信也", "しんや"), ("恭子", "きょうこ"), ("弘子", "ひろこ"),
    ("美香", "みか"), ("由香", "ゆか"), ("里美", "さとみ"), ("明美", "あけみ"),
    ("静香", "しずか"), ("桃子", "ももこ"), ("若菜", "わかな"), ("楓", "かえで"),
    ("凛", "りん"), ("樹", "いつき"), ("颯太", "そうた"), ("悠真", "ゆうま"),
]  # fmt: skip

CHUNK = 100_000


def generate(conn, rows: int, admin_id: str) -> float:
    """Insert ``rows`` people, requests and request items; returns seconds taken."""
    conn.execute("CREATE TEMP TABLE fam (i INTEGER PRIMARY KEY, name, key, kana, kkey)")
    conn.execute("CREATE TEMP TABLE giv (i INTEGER PRIMARY KEY, name, key, kana, kkey)")
    for table, names in (("fam", FAMILY), ("giv", GIVEN)):
        conn.executemany(
            f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)",
            [(i, n, name_search_key(n), k, name_search_key(k)) for i, (n, k) in enumerate(names)],
        )
    nf, ng = len(FAMILY), len(GIVEN)
    started = time.perf_counter()
    for first in range(1, rows + 1, CHUNK):
        last = min(rows, first + CHUNK - 1)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS span (n INTEGER PRIMARY KEY, at TEXT, fy INTEGER)"
        )
        conn.execute("DELETE FROM span")
        conn.execute(
            "INSERT INTO span WITH RECURSIVE s(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM s "
            "WHERE n < ?) SELECT n, strftime('%Y-%m-%dT%H:%M:%S.000000Z', '2023-04-01 00:00:00', "
            "'+' || (n * 90) || ' seconds'), 0 FROM s",
            (first, last),
        )
        conn.execute(
            "UPDATE span SET fy = CAST(substr(date(at, '+9 hours'), 1, 4) AS INTEGER) - "
            "(CASE WHEN substr(date(at, '+9 hours'), 6, 2) < '04' THEN 1 ELSE 0 END)"
        )
        conn.execute(
            "INSERT INTO people (id, branch_code, name, name_key, furigana, kana_key, birth_date,"
            " postal_code, address, phone, member_number, created_at, purged_at) "
            "SELECT printf('p%07d-0000-4000-8000-000000000000', s.n), 'BR01', "
            "f.name || ' ' || g.name, f.key || g.key, f.kana || ' ' || g.kana, f.kkey || g.kkey, "
            "date('1940-01-01', '+' || (s.n % 25000) || ' days'), '310-0801', "
            "'茨城県水戸市見本町' || (s.n % 50 + 1) || '-' || (s.n % 9 + 1), "
            "printf('0%d0-%04d-%04d', 7 + s.n % 3, s.n / 10000, s.n % 10000), "
            "printf('%07d', s.n), s.at, NULL "
            f"FROM span s JOIN fam f ON f.i = (s.n * 7919) % {nf} "
            f"JOIN giv g ON g.i = (s.n * 104729 / {nf}) % {ng}"
        )
        conn.execute(
            "INSERT INTO requests (id, branch_code, number, fiscal_year, seq, received_at, "
            "received_on, status, principal_id, proxy_id, proxy_kind, disclosure_method, "
            "delivery, may_hand_to_proxy, target_on, lawsuit_possible_from, note, created_by, "
            "updated_at) "
            "SELECT printf('r%07d-0000-4000-8000-000000000000', s.n), 'BR01', "
            "printf('R-BR01-%d-%06d', s.fy, s.n % 1000000), s.fy, s.n, s.at, "
            "date(s.at, '+9 hours'), CASE WHEN s.n > ? THEN 'received' ELSE 'decided' END, "
            "printf('p%07d-0000-4000-8000-000000000000', s.n), NULL, NULL, 'paper', 'mail', 0, "
            "date(s.at, '+9 hours', '+14 days'), date(s.at, '+9 hours', '+15 days'), '', ?, s.at "
            "FROM span s",
            (rows - 2_000, admin_id),
        )
        conn.execute(
            "INSERT INTO request_items (id, branch_code, request_id, position, request_type, "
            "details, outcome, created_at) SELECT printf('i%07d-0000-4000-8000-000000000000', "
            "s.n), 'BR01', printf('r%07d-0000-4000-8000-000000000000', s.n), 1, 'disclosure', "
            '\'{"scopes": ["orders_deliveries"]}\', NULL, s.at FROM span s'
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        done = last
        rate = done / (time.perf_counter() - started)
        print(f"  {done:>9,} rows  ({rate:,.0f} rows/s)", flush=True)
    return time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", help="build the database in this folder and keep it")
    args = parser.parse_args(argv)

    from counter_app.services.branch import initialise
    from counter_app.services.samples import SAMPLE_ADMIN, sample_branch
    from counter_app.services.search import search_requests
    from counter_app.store.engine import open_database
    from counter_app.store.models import Request
    from counter_app.store.sqlite.cipher import new_key

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-search-"))
    key_file = folder / "bench.key"  # a throwaway key for synthetic data, kept to reuse the DB
    rng = random.Random(20251126)
    try:
        reuse = key_file.exists() and (folder / "data").exists()
        key = bytes.fromhex(key_file.read_text()) if reuse else new_key()
        if not reuse:
            folder.mkdir(parents=True, exist_ok=True)
            key_file.write_text(key.hex())
        db = open_database(folder / "data", key=key)
        if reuse:
            with db.unit_of_work(read_only=True) as uow:
                from counter_app.services.staff_accounts import actor_by_id
                from counter_app.store.models import Staff

                admin = actor_by_id(uow, uow.session.query(Staff.id).scalar())
                args.rows = uow.session.query(Request).count()
            print(f"reusing the database in {folder} ({args.rows:,} requests)")
        else:
            with db.unit_of_work() as uow:
                admin = initialise(uow, sample_branch(), SAMPLE_ADMIN)
                uow.commit()
            print(
                f"generating {args.rows:,} requests (people, requests, items; search triggers on)"
            )
            raw = db.engine.raw_connection()
            conn = raw.driver_connection
            conn.execute("PRAGMA cache_size = -262144")
            seconds = generate(conn, args.rows, admin.staff_id)
            raw.close()
            size = sum(p.stat().st_size for p in (folder / "data").iterdir() if p.is_file())
            print(f"generated in {seconds:.1f} s; database folder {size / 1e6:,.0f} MB")

        def pick_name() -> str:
            family, kana = rng.choice(FAMILY)
            given, gkana = rng.choice(GIVEN)
            full = family + given if rng.random() < 0.5 else kana + gkana
            length = rng.choice([3, 4]) if len(full) >= 4 else 3
            if len(full) < length:
                return pick_name()
            start = rng.randrange(0, len(full) - length + 1)
            return full[start : start + length]

        def pick_number() -> str:
            n = rng.randint(1, args.rows)
            with db.unit_of_work(read_only=True) as uow:
                from sqlalchemy import text

                return uow.session.execute(  # rowid: insertion order, 1..rows
                    text("SELECT number FROM requests WHERE rowid = :n"), {"n": n}
                ).scalar_one()

        def pick_phone() -> str:
            n = rng.randint(1, args.rows)
            return f"0{7 + n % 3}0{n // 10000:04d}{n % 10000:04d}"

        kinds = {
            "name (3-4 chars, kanji or kana)": (pick_name, "name"),
            "name (2 chars, e.g. 山田)": (lambda: rng.choice(FAMILY[:60])[0][:2], "name"),
            "name (1 char, e.g. 林)": (lambda: rng.choice("林森原田山"), "name"),
            "request number": (pick_number, "auto"),
            "phone (digits only)": (pick_phone, "auto"),
        }
        print(f"\n{args.queries} queries per kind, limit 50 results, warm (file read once)")
        print(f"{'kind':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'hits/q':>7}")
        # warm: the file read once through the OS (as on a PC where the program has been
        # running; the pages are still decrypted by SQLCipher on every cache miss), and a few
        # unmeasured queries of each kind
        for path in (folder / "data").iterdir():
            with path.open("rb") as stream:
                while stream.read(1 << 24):
                    pass
        for pick, kind in kinds.values():
            for _ in range(10):
                with db.unit_of_work(read_only=True) as uow:
                    search_requests(uow, admin, pick(), kind=kind)
        for label, (pick, kind) in kinds.items():
            queries = [pick() for _ in range(args.queries)]
            timings, hits = [], 0
            for q in queries:
                with db.unit_of_work(read_only=True) as uow:
                    t0 = time.perf_counter()
                    result = search_requests(uow, admin, q, kind=kind)
                    timings.append((time.perf_counter() - t0) * 1000)
                    hits += len(result.items)
            print(
                f"{label:<34} {statistics.median(timings):>8.2f} "
                f"{percentile(timings, 95):>8.2f} {max(timings):>8.2f} {hits / len(queries):>7.1f}"
            )
        db.close()
        size = sum(p.stat().st_size for p in (folder / "data").iterdir() if p.is_file())
        print(f"\ndatabase size {size / 1e6:,.0f} MB ({args.rows:,} requests, SQLCipher)")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
