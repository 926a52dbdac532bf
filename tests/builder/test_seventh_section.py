"""Adding a section is its file, one registry entry and the examples table it reads.

A small seventh section (tests/data/seventh) is built by the film's builder from a registry that
lists it with its tables: it gets its title card and chapter from that entry, says the figures
of its own table, and is rendered again when (and only when) one of its tables changes.
"""

import json
import math
import re
import subprocess

import pytest
import srt

from scenes.kit.examples import DEFAULT_FILE

from ..helpers import ROOT, tiny_build_command

DATA = ROOT / "tests" / "data" / "seventh"
ENTRY = {
    "id": "s7",
    "file": str(DATA / "s7_coin_streak.py"),
    "scene": "CoinStreak",
    "title": "附录：一枚硬币的熵",
    "target_minutes": 0.1,
    "tables": ["coin"],
}

pytestmark = pytest.mark.render


def build(tmp_path, examples):
    registry = tmp_path / "registry.json"
    registry.write_text(json.dumps([ENTRY], ensure_ascii=False), encoding="utf-8")
    cmd = tiny_build_command(
        registry, tmp_path / "out", "--examples", str(examples), voice="none", jobs=1
    )
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def said(tmp_path) -> str:
    cues = srt.parse(
        (tmp_path / "out" / "cross_entropy_108p5_examples.srt").read_text(encoding="utf-8")
    )
    return "".join(c.content for c in cues)


def coin_entropy(flips: str) -> tuple[int, float]:
    share = flips.count("正") / len(flips)
    return round(share * 100), -(share * math.log2(share) + (1 - share) * math.log2(1 - share))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seventh")
    examples = tmp / "examples.toml"
    examples.write_text(DEFAULT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    proc = build(tmp, examples)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return tmp, examples


def test_the_seventh_section_is_built_with_its_title_and_its_own_figures(built):
    tmp, examples = built
    flips = re.search(r'flips = "(.*?)"', examples.read_text(encoding="utf-8"))[1].replace(" ", "")
    percent, entropy = coin_entropy(flips)
    assert f"正面占 {percent}%，这枚硬币的熵是 {entropy:.2f} 比特" in said(tmp)
    chapters = (tmp / "out" / "cross_entropy_108p5_examples_chapters.txt").read_text(
        encoding="utf-8"
    )
    assert chapters.strip() == "0:00 附录：一枚硬币的熵"


def test_it_is_rendered_again_only_when_its_table_changes(built):
    tmp, examples = built
    text = examples.read_text(encoding="utf-8")
    examples.write_text(text.replace("rain = 0.8", "rain = 0.7"), encoding="utf-8")  # not its table
    again = build(tmp, examples)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "unchanged, reused the last render" in again.stdout
    assert "[s7] started" not in again.stdout
    flips = re.search(r'flips = "(.*?)"', text)[1].replace(" ", "")
    other = flips[:-1] + ("反" if flips[-1] == "正" else "正")  # one head more or fewer
    examples.write_text(text.replace(flips, other), encoding="utf-8")  # its table
    changed = build(tmp, examples)
    assert changed.returncode == 0, changed.stderr[-2000:]
    assert "[s7] started" in changed.stdout
    percent, entropy = coin_entropy(other)
    assert f"正面占 {percent}%，这枚硬币的熵是 {entropy:.2f} 比特" in said(tmp)
