"""The benchmark's own helpers (the benchmark itself takes most of an hour and is run by hand)."""

import os

import pytest

from scenes.builder.benchmark import edit_one_sentence, machine

SCENE = '''\
class Demo:
    """Calls self.narrate("文档里的一句") in a docstring: not narration."""

    def beat(self):
        # self.narrate("注释里的一句") in a comment: not narration either
        label = "标题"; self.narrate(f"第一句话有{label}。", en="The first sentence.")
        self.narrate("第二句话。")
'''


def test_the_one_sentence_edit_changes_the_first_narrated_sentence_only(tmp_path):
    path = tmp_path / "s9_demo.py"
    path.write_text(SCENE, encoding="utf-8")
    edit_one_sentence(path)
    edited = path.read_text(encoding="utf-8")
    # the narrate call sits after Chinese text on its line: its column is counted in bytes
    assert 'self.narrate(f"好，第一句话有{label}。"' in edited
    assert edited.replace("好，", "", 1) == SCENE
    compile(edited, str(path), "exec")


def test_a_file_without_narration_is_refused(tmp_path):
    path = tmp_path / "s9_empty.py"
    path.write_text('"""self.narrate("只在文档里")"""\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="no narration found"):
        edit_one_sentence(path)
    assert path.read_text(encoding="utf-8") == '"""self.narrate("只在文档里")"""\n'


def test_the_figures_name_the_machine_they_were_measured_on():
    said = machine()
    assert f"{os.cpu_count()} cores" in said
    assert "onnxruntime" in said


def test_the_table_says_met_or_not_met_against_each_target():
    from scenes.builder.benchmark import Measures, table_rows

    just = Measures(
        res="1080p60",
        full=150.0,
        stage=40.0,
        speech=100.0,
        clips=60,
        alone=40.0,
        alone_speech=100.0,
        encode=100.0,
        frames=600,
        rebuild=15.0,
        low=120.0,
    )
    verdicts = [row[-1] for row in table_rows(just)]
    assert verdicts == ["met (0.40 x)", "0.40 x", "met", "", "met", "met"]
    over = Measures(
        res="1080p60",
        full=151.0,
        stage=40.0,
        speech=100.0,
        clips=60,
        alone=41.0,
        alone_speech=100.0,
        encode=100.0,
        frames=600,
        rebuild=15.2,
        low=121.0,
    )
    verdicts = [row[-1] for row in table_rows(over)]
    assert verdicts == ["NOT met (0.41 x)", "0.40 x", "NOT met", "", "NOT met", "NOT met"]
    assert table_rows(over)[4][2] == "15 s (10% of full)"
