"""How the film is built: from the six section scenes to one MP4 with chapters and subtitles.

``./render.sh`` runs ``python -m scenes.build``; ``./render.sh --help`` lists the options.

Modules, in the order a build uses them:

* :mod:`~scenes.build.cli` -- arguments -> a frozen :class:`~scenes.build.cli.BuildPlan`;
* :mod:`~scenes.build.script` -- running a scene with animations skipped to read its beats
  (narration, anchors, source lines) and the recording-script export
  (``python -m scenes.build.script``);
* :mod:`~scenes.build.questions` -- the questions for the class, checked against the sections'
  figures and beats (:mod:`~scenes.build.placeholders`) before anything renders;
* :mod:`~scenes.build.voicing` -- synthesising every missing voice clip first, in parallel;
* :mod:`~scenes.build.cache` -- fingerprints of a section's inputs and the stamps of good renders;
* :mod:`~scenes.build.render` -- one manim process per section, live progress, cancellation;
* :mod:`~scenes.build.mux` -- joining the sections: video, one audio track, subtitles, chapters;
* :mod:`~scenes.build.lesson` -- the lesson page, its worksheet (:mod:`~scenes.build.worksheet`) and
  the chapter list for video sites;
* :mod:`~scenes.build.report` -- the timing report and the contact sheet;
* :mod:`~scenes.build.film` -- the build itself, tying the above together;
* :mod:`~scenes.build.listen` -- the listen check over sections (``python -m scenes.build.listen``);
* :mod:`~scenes.build.record` -- the recording page (``./render.sh --record``), on
  :mod:`~scenes.build.takes` (the film's beats, their takes, stills and quick renders);
* :mod:`~scenes.build.benchmark` -- the figures of the README's performance section.

**Standard library only**: :mod:`scenes.build.cli` and what it imports (this package's
``__init__``, :mod:`scenes.sections`, :mod:`scenes.kit.options`) must import with a bare
``python3``: ``render.sh`` checks the arguments with it before the first-time setup has
installed anything. ``tests/test_layering.py`` checks this.

Layering: the build package may import :mod:`scenes.sections`, :mod:`scenes.kit` and
:mod:`infotheory`; nothing in ``scenes/kit`` or a section imports the build package.
"""
