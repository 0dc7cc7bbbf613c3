"""Options several commands of the CLI share (cli.py)."""

from __future__ import annotations

from pathlib import Path

import click


def cache_options(command):
    """--cache-dir and --no-cache, as check and export take them."""
    command = click.option("--no-cache", is_flag=True, help="Neither read nor write the build cache.")(command)
    return click.option("--cache-dir", type=click.Path(path_type=Path),
                        help="The build cache to reuse and fill (default: the one `build` uses for this corpus), "
                             "so that check, build and export analyse each case once.")(command)


class Shard(click.ParamType):
    """--shard K/N: the K-th of N equal blocks of the corpus's cases."""

    name = "K/N"

    def convert(self, value, param, ctx):
        try:
            k, n = (int(x) for x in str(value).split("/"))
        except ValueError:
            self.fail(f"{value!r} is not K/N (such as 2/8)", param, ctx)
        if not 1 <= k <= n:
            self.fail(f"{value!r}: K must be between 1 and N", param, ctx)
        return k, n
