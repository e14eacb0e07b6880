"""Static files stay inside their folder, whatever the requested name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policykg.server.static import STATIC_DIR, find_static_file

SEGMENTS = st.sampled_from(
    ["..", ".", "", "%2e%2e", "%2F", "vendor", "query.js", "..%2f", "%00", "\\", "/"]
)


@given(st.lists(st.one_of(SEGMENTS, st.text(max_size=8)), max_size=6))
def test_found_files_are_inside_the_static_folder(parts: list[str]) -> None:
    found = find_static_file("/".join(parts))
    assert found is None or found.resolve().is_relative_to(STATIC_DIR.resolve())


def test_real_assets_are_found_and_escapes_are_not() -> None:
    assert (
        find_static_file("vendor/yasgui.min.js")
        == (STATIC_DIR / "vendor" / "yasgui.min.js").resolve()
    )
    assert find_static_file("query.js") is not None
    for name in (
        "../static.py",
        "%2e%2e/static.py",
        "vendor/../../app.py",
        "/etc/passwd",
        ".gitignore",
    ):
        assert find_static_file(name) is None
