"""Each evidence rule, alone, on its own fixture table: a description and what the rule finds of the file."""

import pytest

from reviewlens.model import Source
from reviewlens.textio import split_lines
from reviewlens.verify.evidence import RULES, evidence
from reviewlens.verify.evidence.common import read
from reviewlens.verify.structure import Structure

CODE = '''import sqlite3

ADMIN_PATH = "/admin"
TIMEOUT = 1000


def main(argv):
    admin_api = connect(ADMIN_PATH)
    return run_query(admin_api, "SELECT * FROM t WHERE id = " + argv[1])


def run_query(conn, sql):
    # sign the request before sending
    conn.sign_request()
    return conn.execute(sql, timeout=TIMEOUT / 1000.0)
'''
S = Structure(Source("app.py", CODE, split_lines(CODE), "python", ""))
RULE = dict(RULES)


def found(rule: str, description: str) -> list[tuple[str, list[int]]]:
    return [(item.label, sorted(item.lines)) for _, item in RULE[rule](read(description, S, frozenset()), S)]


@pytest.mark.parametrize("rule, description, expected", [
    # names: code, quoted or not; syntax and prose in code marks are no names; paths are not code
    ("names", "`run_query` builds SQL", [("`run_query`", [9, 12, 13, 14, 15])]),
    ("names", "the run_query helper", [("`run_query`", [9, 12, 13, 14, 15])]),
    ("names", "`if` `return` `The`", []),
    ("names", "`app.py:9` is wrong", []),
    ("names", "`missing_name` is called", []),
    # roles: a word the file defines, named by what it is
    ("roles", "the main function parses argv", [("`main`", [7, 8, 9])]),
    ("roles", "the old function", []),
    # phrases: prose words that spell a name of the file
    ("phrases", "the admin API is open", [("`admin_api`", [8, 9])]),
    ("phrases", "the admin console", []),
    # numbers: a literal of the code, not a time, range or share
    ("numbers", "divides by 1000", [("`1000`", [4, 15])]),
    ("numbers", "at 10:00, 3-4 times, 98%", []),
    ("numbers", "15+ handlers", []),
    # hallmarks: the code a named defect class needs
    ("hallmarks", "SQL injection", [("code that builds or runs SQL", [9, 15])]),
    ("hallmarks", "a race", []),
    # words: the prose's other words, where the file has them
    ("words", "signs the request", [("signs", [13, 14]), ("request", [13, 14])]),
    ("words", "the which and whereas", []),
])
def test_each_rule_finds_what_its_table_says(rule, description, expected):
    assert found(rule, description) == expected


def test_an_item_found_by_an_earlier_rule_is_not_found_again():
    # "admin API" spells `admin_api`, which names.py already found from the code marks.
    items = evidence("`admin_api` is the admin API", S)
    assert [i.label for i in items].count("`admin_api`") == 1


def test_the_rules_run_in_the_documented_order():
    assert [name for name, _ in RULES] == ["names", "roles", "phrases", "numbers", "hallmarks", "words"]
