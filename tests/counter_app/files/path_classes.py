"""Classes of hostile paths, built in a scratch folder, for the file-layer tests.

``Playground(folder)`` makes one of each thing a path can name besides a plain file: a
folder, a named pipe (FIFO), symbolic links to a device, to a FIFO and to themselves, a
sparse file larger than any limit. ``bad_input_paths(playground)`` and
``bad_output_paths(playground)`` are hypothesis strategies drawing (class, path) pairs:
over-long paths and names of any length, NUL characters anywhere, missing folders of any
name, and the special things above.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

#: Characters of generated names: Japanese, ASCII, spaces, marks (never "/" or NUL).
NAME_CHARS = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="/\x00", min_codepoint=0x20
)


@dataclass(frozen=True)
class Playground:
    folder: Path

    @classmethod
    def build(cls, folder: Path) -> Playground:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "a-folder").mkdir(exist_ok=True)
        fifo = folder / "a-fifo"
        if not fifo.exists():
            os.mkfifo(fifo)
        for name, target in (
            ("link-to-zero", "/dev/zero"),
            ("link-to-null", "/dev/null"),
            ("link-to-fifo", str(fifo)),
            ("link-loop", str(folder / "link-loop")),
        ):
            if not os.path.lexists(folder / name):
                os.symlink(target, folder / name)
        big = folder / "big.json"
        if not big.exists():
            with open(big, "wb") as handle:
                handle.truncate(5 * 1024**3)  # sparse: 5 GB on paper, nothing on disk
        return cls(folder)

    def special(self, name: str) -> str:
        return str(self.folder / name)


def long_paths(folder: Path) -> st.SearchStrategy[tuple[str, str]]:
    """Paths longer than the system allows: the whole path, or one name in it."""
    whole = st.integers(4096, 20_000).map(
        lambda n: ("long", str(folder / ("a" * 200 + "/")) * (n // 201) + "x")
    )
    name = st.integers(256, 3_000).map(lambda n: ("long", str(folder / ("ね" * (n // 3 + 1)))))
    return st.one_of(whole, name)


def nul_paths(folder: Path) -> st.SearchStrategy[tuple[str, str]]:
    return st.tuples(st.text(NAME_CHARS, max_size=30), st.text(NAME_CHARS, max_size=30)).map(
        lambda parts: ("nul", str(folder / parts[0]) + "\x00" + parts[1])
    )


def missing_folder_paths(folder: Path) -> st.SearchStrategy[tuple[str, str]]:
    return st.text(NAME_CHARS, min_size=1, max_size=40).map(
        lambda name: ("missing", str(folder / f"no-such-{name}" / "file.json"))
    )


def special_paths(playground: Playground, names: list[str]) -> st.SearchStrategy[tuple[str, str]]:
    return st.sampled_from(names).map(lambda name: (name, playground.special(name)))


def bad_input_paths(playground: Playground) -> st.SearchStrategy[tuple[str, str]]:
    """Every class of path an input file must be refused for (never read, never waited on)."""
    folder = playground.folder
    return st.one_of(
        long_paths(folder),
        nul_paths(folder),
        missing_folder_paths(folder),
        special_paths(
            playground,
            ["a-folder", "a-fifo", "link-to-zero", "link-to-fifo", "link-loop", "big.json"],
        ),
        st.sampled_from(["/dev/zero", "/dev/urandom", "/dev/null", "/dev/tty", "/"]).map(
            lambda p: ("device", p)
        ),
    )


def bad_output_paths(playground: Playground) -> st.SearchStrategy[tuple[str, str]]:
    """Every class of path an output file must be refused for (nothing written anywhere)."""
    folder = playground.folder
    return st.one_of(
        long_paths(folder),
        nul_paths(folder),
        missing_folder_paths(folder),
        special_paths(
            playground, ["a-folder", "a-fifo", "link-to-null", "link-to-fifo", "link-loop"]
        ),
    )
