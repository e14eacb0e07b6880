"""Compatibility: the build moved to :mod:`policykg.build` (issue 16). Callers outside the build
(``cli/serve_cmd.py``, ``cli/viz_cmd.py``, the tests' shared fixtures) still import it from here;
this module goes once they import ``policykg.build.run``."""

from __future__ import annotations

from policykg.build.run import BuildResult, Stages, build, nlp_stages, run_build

__all__ = ["BuildResult", "Stages", "build", "nlp_stages", "run_build"]
