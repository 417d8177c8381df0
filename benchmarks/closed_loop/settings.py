"""The production settings (benchmarks/loadtest/env.sh) plus the floor page of the closed-loop benchmark."""

from mentorship.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.closed_loop.urls"
