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
