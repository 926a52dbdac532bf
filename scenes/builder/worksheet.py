"""The printable worksheet: the lesson page's questions on paper, the answer key on its own page.

``worksheet.html`` sits beside the lesson page's ``index.html``. It is plain HTML written here
(no script is needed to read or print it): the questions numbered through the film, a line or
boxes to answer on, and after a page break the answers with their explanations and the film
time of the beat that explains each one. It prints cleanly on A4 or Letter from any browser.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..common.files import atomic_write_text

__all__ = ["WORKSHEET", "worksheet_html", "write_worksheet"]

WORKSHEET = "worksheet.html"
_LETTERS = "ABCDEF"

_STYLE = """
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
                sans-serif;
         color: #111; background: #fff; max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem;
         line-height: 1.5; }
  h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
  h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #999; }
  .who { display: flex; gap: 2rem; flex-wrap: wrap; margin: .6rem 0 1rem; }
  .who span { flex: 1; min-width: 9rem; border-bottom: 1px solid #333; padding-bottom: .2rem; }
  .en { display: block; color: #444; font-size: .92em; }
  ol.questions > li { margin: 0 0 1.1rem; break-inside: avoid; page-break-inside: avoid; }
  .note { color: #444; font-size: .9em; }
  .blank { display: inline-block; min-width: 9rem; border-bottom: 1px solid #333; height: 1.6em;
           vertical-align: bottom; }
  .answer-line { margin: .5rem 0 0; }
  ol.choices { list-style: upper-alpha; margin: .3rem 0 0; }
  ol.choices li::marker { font-weight: bold; }
  .box { display: inline-block; width: .9em; height: .9em; border: 1px solid #333;
         margin-right: .4em; vertical-align: -.1em; }
  .tf > span { margin-right: 2rem; }
  .key { break-before: page; page-break-before: always; }
  .key li { margin: 0 0 .8rem; break-inside: avoid; page-break-inside: avoid; }
  .key .right { font-weight: bold; }
  .key .replay { color: #444; font-size: .9em; }
  .tools { margin: 0 0 1rem; display: flex; gap: 1rem; align-items: center; }
  .tools button { font: inherit; padding: .3rem .9rem; }
  @media print {
    .tools { display: none; }
    body { margin: 0 auto; max-width: none; font-size: 11pt; }
    @page { margin: 16mm 15mm; }
  }
"""


def _clock(t: float) -> str:
    s = int(t + 1e-6)
    return f"{s // 60}:{s % 60:02d}"


def _both(zh: str, en: str) -> str:
    return escape(zh) + (
        f'<span class="en" lang="en">{escape(en)}</span>' if en and en != zh else ""
    )


def _question(q: dict) -> str:
    parts = [f'<li id="q-{escape(q["id"])}"><div>{escape(q["zh"])}']
    if q["kind"] == "number":
        parts.append(f' <span class="note">{escape(q["note_zh"])}</span>')
    parts.append("</div>")
    if q["en"]:
        note = f" {q['note_en']}" if q["kind"] == "number" else ""
        parts.append(f'<span class="en" lang="en">{escape(q["en"] + note)}</span>')
    if q["kind"] == "number":
        parts.append(
            f'<p class="answer-line">答 Answer: <span class="blank"></span> {escape(q["unit"])}</p>'
        )
    elif q["kind"] == "choice":
        en = q.get("choices_en") or [""] * len(q["choices_zh"])
        items = "".join(f"<li>{_both(z, e)}</li>" for z, e in zip(q["choices_zh"], en))
        parts.append(f'<ol class="choices">{items}</ol>')
    else:
        parts.append(
            '<p class="tf"><span><span class="box"></span>对 True</span>'
            '<span><span class="box"></span>错 False</span></p>'
        )
    return "".join(parts) + "</li>"


def _right(q: dict) -> str:
    if q["kind"] == "number":
        pct = "%" if q["unit"] == "%" else ""
        unit = pct or (f" {q['unit']}" if q["unit"] else "")
        return f"{q['answer']:.{q['decimals']}f}{unit} (±{q['tolerance']:g}{pct})"
    if q["kind"] == "choice":
        k = q["answer"]
        en = (q.get("choices_en") or [""] * (k + 1))[k]
        return f"{_LETTERS[k]}：{q['choices_zh'][k]}" + (
            f" · {en}" if en and en != q["choices_zh"][k] else ""
        )
    return "对 True" if q["answer"] else "错 False"


def worksheet_html(data: dict) -> str:
    """The worksheet for the lesson page's data.

    ``data`` holds ``title``, ``sections``, ``beats`` and ``questions``.
    """
    starts = {(b["section"], b["id"]): b["start"] for b in data["beats"]}
    body, key, number = [], [], 1
    for n, sec in enumerate(data["sections"], 1):
        qs = [q for q in data["questions"] if q["section"] == sec["id"]]
        if not qs:
            continue
        heading = f"{n} · {escape(sec['title'])}"
        body.append(
            f'<h2>{heading}</h2><ol class="questions" '
            f'start="{number}">{"".join(map(_question, qs))}</ol>'
        )
        items = []
        for q in qs:
            at = starts.get((q["section"], q["beat"]), sec["start"])
            items.append(
                f'<li><span class="right">{escape(_right(q))}</span>'
                f"<div>{_both(q['explain_zh'], q['explain_en'])}</div>"
                f'<span class="replay">讲解见影片 {_clock(at)} · '
                f"explained in the film at {_clock(at)}</span></li>"
            )
        key.append(f'<h3>{heading}</h3><ol start="{number}">{"".join(items)}</ol>')
        number += len(qs)
    title = escape(data["title"])
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title} · 练习 Worksheet</title>
<style>{_STYLE}</style>
</head>
<body>
<div class="tools"><button type="button" onclick="window.print()">打印 Print</button>
<a href="index.html">← 课堂版 Lesson page</a></div>
<h1>{title} · 练习 Worksheet</h1>
<div class="who"><span>姓名 Name</span><span>班级 Class</span><span>日期 Date</span></div>
<main>
{"".join(body)}
</main>
<section class="key" aria-label="答案 Answer key">
<h2>答案 Answer key</h2>
{"".join(key)}
</section>
</body>
</html>
"""


def write_worksheet(path: Path, data: dict) -> Path:
    """Write the worksheet for ``data`` to ``path`` (atomically); return ``path``."""
    atomic_write_text(path, worksheet_html(data))
    return path
