"""What each part of the project uses: safe file writes, text files, media lengths, error summaries.

No manim and no speech model here: the author's kit (:mod:`scenes.kit`), the speech pipeline
(:mod:`scenes.speech`) and the builder (:mod:`scenes.builder`) all import from it, it imports
none of them.
"""
