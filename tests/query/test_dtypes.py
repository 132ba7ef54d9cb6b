"""pandas reads every saved query's `--format json` and `--format csv` table with the intended dtypes.

On the build of the bundled articles, as an analyst would, with the readers the README shows:

    pd.read_json(PATH, dtype=False, dtype_backend="numpy_nullable")
    pd.read_csv(PATH, dtype={TEXT COLUMNS: "string"}, dtype_backend="numpy_nullable")

JSON records carry their types, so the JSON reader needs no hint. A CSV cell is
text: the columns that are text but look like numbers (years "2024", dates
"2021" at year precision, Kemendagri codes "64.10") are declared strings, and
the nullable backend keeps an integer column with an empty cell an integer
(``Int64``, never ``2021.0``) and reads true/false as booleans. The two frames
must then be equal, dtypes and values (an empty string of JSON is an empty
cell, NA, in CSV). A column with no value at all in a table has no type pandas
can see; it is not checked.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query.service import catalog

pd = pytest.importorskip("pandas")

INT, BOOL, FLOAT, STR = "Int64", "boolean", "Float64", "string"
# the intended dtype of a column by its name (string unless listed) ...
BY_NAME = {
    "number": INT, "facts": INT, "count": INT, "statements": INT, "revote_tickets": INT, "original_tickets": INT,
    "partner_count": INT, "tickets": INT, "elections": INT, "regions": INT, "parties": INT, "holdings": INT,
    "acting_officials": INT, "roles": INT, "sentence": INT,
    "revote": BOOL, "former": BOOL, "inferred": BOOL,
    "confidence": FLOAT,
}
# ... and where a query uses a name for something else
BY_QUERY = {
    "provenance": {"start": INT, "end": INT},          # character offsets, not dates
    "single-outlet-facts": {"articles": INT},          # a count, not a list of files
    "revotes": {"revote": STR},                        # the revote (an IRI), not a flag
}


def intended(query: str, column: str) -> str:
    return BY_QUERY.get(query, {}).get(column, BY_NAME.get(column, STR))


def test_every_column_of_every_saved_query_has_an_intended_dtype():
    for name, q in catalog().items():
        assert q.columns, name
        for column in q.columns:
            assert intended(name, column) in (INT, BOOL, FLOAT, STR)


@pytest.mark.parametrize("name", sorted(catalog()))
def test_pandas_reads_json_and_csv_with_the_intended_dtypes(built: Path, tmp_path: Path, name: str):
    files = {}
    for fmt in ("json", "csv"):
        files[fmt] = tmp_path / f"{name}.{fmt}"
        r = CliRunner().invoke(cli, ["query", name, "--data", str(built), "--format", fmt, "--out", str(files[fmt])])
        assert r.exit_code == 0, r.output
    columns = list(catalog()[name].columns)
    text = {c: STR for c in columns if intended(name, c) == STR}
    from_csv = pd.read_csv(files["csv"], dtype=text, dtype_backend="numpy_nullable")
    assert list(from_csv.columns) == columns
    from_json = pd.read_json(files["json"], dtype=False, dtype_backend="numpy_nullable")
    if from_csv.empty:                 # no rows in the bundled build: JSON is [] and has no columns
        assert from_json.empty
        return
    assert list(from_json.columns) == columns
    for column in columns:
        want = intended(name, column)
        for how, frame in (("json", from_json), ("csv", from_csv)):
            series = frame[column]
            if series.isna().all():
                continue               # a column without a value here: pandas cannot see its type
            assert str(series.dtype) == want, f"{name}.{column} read from {how} as {series.dtype}, not {want}"
    # CSV has no null: an empty cell is an unbound value or an empty string ("" for a definitive holder's
    # qualifier), which JSON keeps apart (null, "")
    pd.testing.assert_frame_equal(from_json.replace("", pd.NA), from_csv, check_dtype=False)


def test_a_year_only_date_stays_a_year_and_an_integer_column_with_gaps_stays_integer(built: Path, tmp_path: Path):
    out = tmp_path / "office-holders.json"
    r = CliRunner().invoke(cli, ["query", "office-holders", "--data", str(built), "--format", "json",
                                 "--out", str(out)])
    assert r.exit_code == 0, r.output
    frame = pd.read_json(out, dtype=False, dtype_backend="numpy_nullable")
    starts = set(frame["start"].dropna())
    assert starts and all(len(s) in (4, 7, 10) for s in starts) and "2021" in starts
    assert frame["former"].dtype == "boolean" and frame["start"].isna().any()
    csv_out = tmp_path / "tickets.csv"
    CliRunner().invoke(cli, ["query", "tickets", "--data", str(built), "--format", "csv", "--out", str(csv_out)])
    tickets = pd.read_csv(csv_out, dtype={"year": "string", "region_code": "string", "province_code": "string",
                                          "official_id": "string"}, dtype_backend="numpy_nullable")
    assert tickets["number"].dtype == "Int64" and set(tickets["year"]) <= {"2015", "2020", "2024"}
    assert tickets["official_id"].isna().any() and tickets["official_id"].notna().any()
