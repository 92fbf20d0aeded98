"""The ``testimony redact`` contract: detect (JSON lines) and eval (score.py's table)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from click.testing import CliRunner

from cli.eval_score import format_table, score
from cli.main import main


def test_detect_contract() -> None:
    """One output line per input line: id echoed, spans with start/end/label/score/detector."""
    lines = [
        {"id": "a", "text": "Kim Chol-su left Hyesan in 2008."},
        {"id": 7, "text": "김철수 씨는 혜산에서 왔다."},
        {"id": "empty", "text": ""},
    ]
    stdin = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    result = CliRunner().invoke(main, ["redact", "detect", "--lang", "auto"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", 7, "empty"]
    assert out[2]["spans"] == []
    for record, o in zip(lines, out):
        for span in o["spans"]:
            assert set(span) == {"start", "end", "label", "score", "detector"}
            assert 0 <= span["start"] < span["end"] <= len(str(record["text"]))
    labels = {(lines[0]["text"][s["start"]:s["end"]], s["label"]) for s in out[0]["spans"]}
    assert ("Kim Chol-su", "PERSON") in labels
    assert ("Hyesan", "LOCATION") in labels


def test_detect_refuses_bad_input_with_one_line() -> None:
    """A malformed line is one clear error, not a traceback."""
    result = CliRunner().invoke(main, ["redact", "detect"], input='{"id": 1}\n')
    assert result.exit_code != 0
    assert "line 1" in result.output
    assert "Traceback" not in result.output


def test_eval_prints_the_score_table(tmp_path: Path) -> None:
    """eval prints the per-label table and characters per second."""
    gold = tmp_path / "gold.jsonl"
    text = "Kim Chol-su called +82 10-1234-5678 from Hyesan."
    gold.write_text(json.dumps({"id": "1", "lang": "en", "text": text, "spans": [
        [0, 11, "PERSON"], [19, 35, "PHONE"], [41, 47, "LOCATION"]]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["redact", "eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "leak_free_r" in result.output
    assert "characters/second" in result.output
    row = next(line for line in result.output.splitlines() if line.startswith("PERSON"))
    assert row.split()[3] == "1.000"


def test_eval_score_matches_shared_score_py(eval_dir: Path, tmp_path: Path) -> None:
    """Our scoring gives exactly the numbers of ../shared/eval/score.py."""
    spec = importlib.util.spec_from_file_location("shared_score", eval_dir / "score.py")
    assert spec is not None and spec.loader is not None
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    gold_all = (eval_dir / "en_presidio_synth_v2.jsonl").read_text(encoding="utf-8").splitlines()
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(gold_all[:200]) + "\n", encoding="utf-8")
    runner = CliRunner()
    inputs = "\n".join(json.dumps({"id": json.loads(x)["id"], "text": json.loads(x)["text"]})
                       for x in gold_all[:200])
    result = runner.invoke(main, ["redact", "detect"], input=inputs + "\n")
    assert result.exit_code == 0
    pred = tmp_path / "pred.jsonl"
    pred.write_text(result.output, encoding="utf-8")
    assert score(str(gold), str(pred)) == shared.score(str(gold), str(pred))
    report, total = score(str(gold), str(pred))
    assert format_table(report, total).splitlines()[0].split() == [
        "label", "gold", "pred", "leak_free_r", "overlap_r", "overlap_p"]


def test_lang_en_still_finds_hangul_names() -> None:
    """--lang en does not switch off Korean analysis for Hangul in the text."""
    stdin = json.dumps({"id": 1, "text": "The broker was 김철수, from Hyesan."}, ensure_ascii=False) + "\n"
    result = CliRunner().invoke(main, ["redact", "detect", "--lang", "en"], input=stdin)
    assert result.exit_code == 0
    spans = json.loads(result.output)["spans"]
    text = "The broker was 김철수, from Hyesan."
    assert any(text[s["start"]:s["end"]] == "김철수" for s in spans)


def test_eval_reports_readability_on_text_without_identifiers(tmp_path: Path) -> None:
    """Spans predicted where the gold has nothing count against readability, per 1,000 characters."""
    from cli.eval_score import format_readability, readability

    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": "x" * 500, "spans": []},
        {"id": "b", "text": "y" * 500, "spans": []},
        {"id": "c", "text": "Kim left.", "spans": [[0, 3, "PERSON"]]},
    ]) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "spans": [[0, 3, "PERSON"], [5, 9, "DATE"]]},
        {"id": "b", "spans": []},
        {"id": "c", "spans": [[0, 3, "PERSON"]]},
    ]) + "\n", encoding="utf-8")
    r = readability(str(gold), str(pred))
    assert r["spans_per_1000_chars"] == 2.0
    assert r["persons_per_20_records"] == 10.0  # one person proposal over two person-free records
    assert "2.00 predicted spans per 1,000 characters" in format_readability(r)


def test_eval_reports_what_is_proposed_with_evidence_apart_from_guesses(tmp_path: Path) -> None:
    """A Korean guess without a name's evidence counts in the table but not among confident proposals."""
    gold = tmp_path / "gold.jsonl"
    text = "킥스타터에서 히프노스 후드를 샀다."
    gold.write_text(json.dumps({"id": "1", "lang": "ko", "text": text, "spans": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["redact", "eval", str(gold)])
    assert result.exit_code == 0, result.output
    readability_line = next(x for x in result.output.splitlines() if x.startswith("readability"))
    confident_line = next(x for x in result.output.splitlines() if x.startswith("proposed with evidence"))
    assert "20.00 person proposals" in readability_line or "40.00 person proposals" in readability_line
    assert "0.000 person proposals per 20 records" in confident_line
