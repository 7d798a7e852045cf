"""Checks, before Qt loads, that this machine can show a window; names the fix if not.

Qt's own failure ("could not load the Qt platform plugin xcb") tells a learner nothing. On Linux
we ask the dynamic linker (ldd) which libraries the platform plugin is missing and turn them into
the exact Debian/Ubuntu install command. This module must not import Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

# Shared library (as ldd names it) -> Debian/Ubuntu package that provides it.
LIBRARY_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def qt_plugin_dir() -> Path | None:
    spec = find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt" / "plugins" / "platforms"


def missing_libraries(plugin: Path) -> list[str]:
    """Libraries the plugin (or Qt libraries it loads) cannot find, according to ldd."""
    if not plugin.exists() or shutil.which("ldd") is None:
        return []
    try:
        output = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(_NOT_FOUND.findall(output)))


def install_command(libraries: list[str]) -> str:
    packages = sorted({LIBRARY_PACKAGES.get(lib, lib) for lib in libraries})
    return "sudo apt-get install -y " + " ".join(packages)


def platform_problem(environ: dict[str, str] | None = None) -> str | None:
    """A plain-language description of why no window can be shown, or None if all is well."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc")):
        return None
    wayland = bool(env.get("WAYLAND_DISPLAY")) and not platform.startswith("xcb")
    if not wayland and not env.get("DISPLAY"):
        return (
            "No graphical display was found (DISPLAY is not set). Start Portfolio from a "
            "desktop session, or set QT_QPA_PLATFORM=offscreen to run it without a screen."
        )
    plugin_dir = qt_plugin_dir()
    if plugin_dir is None:
        return None
    plugin = plugin_dir / ("libqwayland.so" if wayland else "libqxcb.so")
    if not plugin.exists() and wayland:
        plugin = plugin_dir / "libqxcb.so"
    missing = missing_libraries(plugin)
    if not missing:
        return None
    return (
        "Qt cannot open a window because these system libraries are missing: "
        f"{', '.join(missing)}.\nInstall them with:\n  {install_command(missing)}"
    )
