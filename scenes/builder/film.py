"""The build: narration first, then the sections in parallel, then the film and its reports.

Outputs go to ``out/`` (see the README):

* ``cross_entropy_<res>.mp4`` -- the film (video joined by stream copy, chapters, AAC audio,
  mov_text subtitles in Chinese and English), with ``.srt`` and ``_en.srt`` beside it;
* ``cross_entropy_<res>_lesson/`` -- the lesson page (``index.html``, the film and the worksheet
  beside it), and ``cross_entropy_<res>_chapters.txt``, the chapter list for video sites;
* ``cross_entropy_<res>_contact.png`` -- a contact sheet for review;
* ``cross_entropy_<res>_timing.md`` -- each section's length against the script, its loudness
  and its render time;
* ``sections/<res>/`` -- the last good render of each section, ``logs/`` -- manim's logs.

A failed or interrupted build leaves the previous results as they were.
"""

from __future__ import annotations

import concurrent.futures as futures
import errno
import os
import shutil
import sys
import time
from pathlib import Path

from ..common.files import atomic_write_text, intended_path
from ..kit.tools import DEFAULT_FILE, EXAMPLES_ENV, ExampleError, load_examples
from ..paths import FILM_TITLE
from ..sections import REGISTRY_ENV
from ..speech.options import voice_env
from ..speech.subtitles import missing_english
from .cache import is_current
from .cli import BuildPlan
from .lesson import chapters_path, write_lesson
from .lock import BuildBusy, build_lock
from .mux import assemble
from .progress import Progress
from .questions import QuestionError, load_questions
from .render import (
    SectionFailed,
    SectionOutput,
    accept_children,
    render_section,
    terminate_children,
)
from .report import contact_sheet, timing_report
from .voicing import prepare_voice

__all__ = ["build", "run"]


def _fail(msg: str, plan: BuildPlan) -> int:
    print(f"[film] FAILED: {msg}", file=sys.stderr, flush=True)
    return 1


def _render_all(plan: BuildPlan, counts: dict[str, int]) -> dict[str, SectionOutput]:
    results: dict[str, SectionOutput] = {}
    failure: SectionFailed | None = None
    accept_children()
    pool = futures.ThreadPoolExecutor(max_workers=plan.jobs)
    with Progress([s.id for s in plan.sections]) as progress:
        try:
            pending = {
                pool.submit(render_section, s, plan, progress, counts.get(s.id)): s
                for s in plan.sections
            }
            for fut in futures.as_completed(pending):
                try:
                    out = fut.result()
                    results[out.section.id] = out
                except Exception as exc:
                    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                        terminate_children()  # the disk is full: run() says so in one line
                        raise
                    if failure is None:
                        # a bug in the builder itself
                        failure = (
                            exc
                            if isinstance(exc, SectionFailed)
                            else SectionFailed(pending[fut].id, repr(exc))
                        )
                        for other in pending:  # stop: start nothing new
                            other.cancel()
        except KeyboardInterrupt:
            terminate_children()  # children run in their own sessions: stop them before waiting
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    if failure is not None:
        raise failure
    return results


def build(plan: BuildPlan) -> int:
    """The build's steps: check inputs, voice the narration, render, assemble, write the reports."""
    t0 = time.monotonic()
    plan.out.mkdir(parents=True, exist_ok=True)
    film, res = plan.film, plan.resolution
    print(
        f"[film] {len(plan.sections)} section(s) at {res}, voice {plan.voice}, up to {plan.jobs} "
        "at once",
        flush=True,
    )
    if plan.missing:
        print(
            f"[film] not yet written, left out: {', '.join(s.id for s in plan.missing)}", flush=True
        )
    examples_path = _name_inputs(plan)
    try:
        load_examples(examples_path)
    except ExampleError as exc:
        return _stopped(
            f"the example settings cannot be used: {exc}", plan, f"{film.name} was left as it was"
        )
    if plan.examples is not None:
        print(f"[film] examples from {plan.examples}: a variant film, {film.name}", flush=True)
    if plan.narration_only:
        try:
            prepare_voice(plan, [s for s in plan.sections if s.path.is_file()])
        except SectionFailed as exc:
            return _fail(str(exc), plan)
        return 0
    # the questions for the class: checked against the sections' figures before anything renders
    try:
        questions = load_questions(plan.sections, examples=examples_path)
    except QuestionError as exc:
        return _stopped(
            f"the questions cannot be used: {exc}", plan, f"{film.name} was left as it was"
        )
    try:
        counts = prepare_voice(
            plan, [s for s in plan.sections if s.path.is_file() and not is_current(s, plan)]
        )
    except SectionFailed as exc:
        return _stopped(str(exc), plan, f"the previous film {film.name} was left as it was")
    try:
        results = _render_all(plan, counts)
    except SectionFailed as exc:
        _fail(str(exc), plan)
        print(
            f"[film] sections that did render are kept in {plan.section_dir}; "
            f"the previous film {film.name} was left as it was",
            file=sys.stderr,
            flush=True,
        )
        return 1
    outputs = [results[s.id] for s in plan.sections]
    report_missing_english(outputs)
    print("[film] assembling", flush=True)
    parts = assemble(outputs, film)
    page = write_lesson(
        film,
        plan.output("lesson"),
        FILM_TITLE,
        outputs,
        parts.starts,
        parts.lengths,
        parts.zh,
        parts.en,
        questions,
        chapters=chapters_path(film),
    )
    _reports(plan, outputs, parts, t0, page, questions)
    if plan.listen:
        return listen(plan, outputs)
    return 0


def _name_inputs(plan: BuildPlan) -> Path:
    """Name the example settings and the sections' registry for every process this build starts.

    So that a variable left in the shell cannot change the default film, and a section's own
    process finds its entry (its title card) in a test registry. Returns the examples file.
    """
    examples_path = plan.examples or DEFAULT_FILE
    os.environ[EXAMPLES_ENV] = str(examples_path)
    if plan.registry is not None:
        os.environ[REGISTRY_ENV] = str(plan.registry)
    else:
        os.environ.pop(REGISTRY_ENV, None)
    return examples_path


def _stopped(msg: str, plan: BuildPlan, kept: str) -> int:
    """A build that stopped before rendering anything: say why, and that the film was left alone."""
    _fail(msg, plan)
    print(f"[film] nothing was rendered; {kept}", file=sys.stderr, flush=True)
    return 1


def _reports(
    plan: BuildPlan, outputs: list[SectionOutput], parts, t0: float, page: Path, questions
) -> None:
    """The contact sheet, the timing report and the closing lines of a build."""
    from ..common.media import video_duration

    film, starts = plan.film, parts.starts
    film_seconds = video_duration(film)
    count = 24
    labels = [
        outputs[
            max(i for i, s in enumerate(starts) if s <= film_seconds * (k + 0.5) / count)
        ].section.id
        for k in range(count)
    ]
    sheet = contact_sheet(film, plan.output("contact.png"), count=count, columns=6, labels=labels)
    wall = time.monotonic() - t0
    report = timing_report(outputs, starts, film_seconds, wall, parts.levels, parts.pacing)
    atomic_write_text(plan.output("timing.md"), report)
    print(report, flush=True)
    print(
        f"[film] done in {wall:.1f} s: {film}\n[film] subtitles {film.with_suffix('.srt')} "
        f"(English {film.stem}_en.srt), contact sheet {sheet}\n[film] lesson page {page}"
        f"{' with its worksheet' if questions else ''}, chapters {chapters_path(film).name}",
        flush=True,
    )


def report_missing_english(outputs: list[SectionOutput]) -> int:
    """Warn about every beat without an English subtitle (its narrate block lacks ``en=``)."""
    count = 0
    for o in outputs:
        for b in missing_english(o.beat_log()):
            print(
                f"[film] warning: beat {o.section.id}/{b['id']} ({b.get('source', '?')}) has no "
                f'English subtitle: add en="…" to its narrate block',
                flush=True,
            )
            count += 1
    return count


def listen(plan: BuildPlan, outputs: list[SectionOutput]) -> int:
    """The listen check over the built sections (see :mod:`scenes.builder.listen`)."""
    if plan.voice == "none":
        print("[listen] the voice is off (--voice none): nothing to listen to", file=sys.stderr)
        return 1
    os.environ.update(voice_env(plan.voice))
    from .listen import check

    return check([o.section for o in outputs], plan.output("listen.md"))


def run(plan: BuildPlan) -> int:
    """:func:`build` under the output folder's build lock, with clean stops.

    A second build in the same folder is refused (status 1, naming the running one); Ctrl-C
    stops the renders and returns 130; a full disk ends with one line saying where space ran out.
    """
    try:
        with build_lock(plan.out):
            return build(plan)
    except BuildBusy as exc:
        print(f"[film] not started: {exc}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        terminate_children()
        print("\n[film] interrupted; previous outputs left as they were", file=sys.stderr)
        return 130
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        terminate_children()
        print(f"[film] FAILED: {disk_full_message(exc, plan.out)}", file=sys.stderr, flush=True)
        return 1


def disk_full_message(exc: OSError, out: Path) -> str:
    """One line for a full disk: which file could not be written, where, and what to do."""
    written = exc.filename2 or exc.filename  # a copy names its source first, then what it wrote
    where = intended_path(written) if written else out
    folder = where if where.is_dir() else where.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free / 1e6
    return (
        f"no space left on the disk while writing {where} ({free:.0f} MB free there). Free some "
        f"space -- {out / 'build'} holds only manim's caches and can be deleted -- and run the "
        "build again; the previous film was left as it was"
    )
