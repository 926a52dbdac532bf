"""How the film is built: from the six section scenes to one MP4 with chapters and subtitles.

``./render.sh`` runs ``python -m scenes.builder``; ``./render.sh --help`` lists the options.

Modules, in the order a build uses them:

* :mod:`~scenes.builder.cli` -- arguments -> a frozen :class:`~scenes.builder.cli.BuildPlan`;
* :mod:`~scenes.builder.script` -- running a scene with animations skipped to read its beats
  (narration, anchors, source lines) and the recording-script export
  (``python -m scenes.builder.script``);
* :mod:`~scenes.builder.questions` -- the questions for the class, checked against the sections'
  figures and beats (:mod:`~scenes.builder.placeholders`) before anything renders;
* :mod:`~scenes.builder.voicing` -- synthesising every missing voice clip first, in parallel;
* :mod:`~scenes.builder.cache` -- fingerprints of a section's inputs and the stamps of good renders;
* :mod:`~scenes.builder.render` -- one manim process per section, live progress, cancellation;
* :mod:`~scenes.builder.mux` -- joining the sections: video, one audio track, subtitles, chapters;
* :mod:`~scenes.builder.lesson` -- the lesson page, its worksheet
  (:mod:`~scenes.builder.worksheet`) and the chapter list for video sites;
* :mod:`~scenes.builder.report` -- the timing report and the contact sheet;
* :mod:`~scenes.builder.film` -- the build itself, tying the above together;
* :mod:`~scenes.builder.listen` -- the listen check over sections
  (``python -m scenes.builder.listen``);
* :mod:`~scenes.builder.record` -- the recording page (``./render.sh --record``), on
  :mod:`~scenes.builder.takes` (the film's beats, their takes, stills and quick renders);
* :mod:`~scenes.builder.benchmark` -- the figures of the README's performance section.

**Standard library only**: :mod:`scenes.builder.cli` and what it imports (this package's
``__init__``, :mod:`scenes.sections`, :mod:`scenes.speech.options`) must import with a bare
``python3``: ``render.sh`` checks the arguments with it before the first-time setup has
installed anything. ``tests/test_layering.py`` checks this.

Layering: the builder may import :mod:`scenes.sections`, :mod:`scenes.speech`, :mod:`scenes.common`,
:mod:`infotheory` and, of the author's kit, only
:mod:`scenes.kit.tools`; nothing imports the builder.
"""
