#!/usr/bin/env python3
"""What a player does to the desktop around the app, for the end-to-end tests and the
benchmarks (no WebDriver reaches outside the page):

  desktop.py close <window id>        ask a window to close, as its title bar's X does
                                      (the ICCCM WM_DELETE_WINDOW message)
  desktop.py tray-menu <pid>...       the labels of the tray menu of these processes, one
                                      per line (StatusNotifierItem menus over D-Bus)
  desktop.py tray-click <label> <pid>...
                                      click the first tray menu item whose label
                                      contains <label>

Needs libX11 and gdbus (libglib2.0-bin); the standard library otherwise.
"""
import ctypes
import re
import subprocess
import sys
import time

MENU_PATH = "/org/ayatana/NotificationItem/tray_icon_tray_app_main/Menu"


def close(window: int) -> None:
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [
            ("type", ctypes.c_int),
            ("serial", ctypes.c_ulong),
            ("send_event", ctypes.c_int),
            ("display", ctypes.c_void_p),
            ("window", ctypes.c_ulong),
            ("message_type", ctypes.c_ulong),
            ("format", ctypes.c_int),
            ("data", ctypes.c_long * 5),
        ]

    class Event(ctypes.Union):  # XEvent: 24 longs
        _fields_ = [("client", ClientMessage), ("pad", ctypes.c_long * 24)]

    display = x11.XOpenDisplay(None)
    if not display:
        sys.exit("no X display")
    event = Event()
    event.client.type = 33  # ClientMessage
    event.client.window = window
    event.client.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
    event.client.format = 32
    event.client.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
    event.client.data[1] = 0  # CurrentTime
    if not x11.XSendEvent(display, window, 0, 0, ctypes.byref(event)):
        sys.exit("XSendEvent failed")
    x11.XFlush(display)
    x11.XCloseDisplay(display)


def gdbus(*args: str) -> str | None:
    # A connection of ours that exports nothing may never answer: do not wait 25 s for it.
    out = subprocess.run(["gdbus", "call", "--session", "--timeout", "2", *args], capture_output=True, text=True)
    return out.stdout if out.returncode == 0 else None


def menu_layout(pids: set[int]) -> tuple[str, str] | None:
    """The bus name and menu layout (GVariant text) of the tray item these processes own."""
    bus = ["--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus"]
    names = gdbus(*bus, "--method", "org.freedesktop.DBus.ListNames") or ""
    for name in re.findall(r"'(:[0-9.]+)'", names):
        reply = gdbus(*bus, "--method", "org.freedesktop.DBus.GetConnectionUnixProcessID", name) or ""
        found = re.search(r"(\d+),\)", reply)  # (uint32 1234,)
        if not found or int(found.group(1)) not in pids:
            continue
        layout = gdbus("--dest", name, "--object-path", MENU_PATH, "--method",
                       "com.canonical.dbusmenu.GetLayout", "--", "0", "-1", "[]")
        if layout:
            return name, layout
    return None


def unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def items(layout: str) -> list[tuple[int, str]]:
    """Each menu item's id and label, in order."""
    found = re.finditer(r"\((\d+), \{[^}]*?'label': <(['\"])((?:\\.|(?!\2).)*)\2>", layout)
    return [(int(m.group(1)), unquote(m.group(3))) for m in found]


def main(argv: list[str]) -> None:
    if len(argv) == 3 and argv[1] == "close":
        close(int(argv[2], 0))
    elif len(argv) >= 3 and argv[1] == "tray-menu":
        menu = menu_layout({int(p) for p in argv[2:]})
        for _, label in items(menu[1]) if menu else []:
            print(label)
    elif len(argv) >= 4 and argv[1] == "tray-click":
        menu = menu_layout({int(p) for p in argv[3:]})
        if not menu:
            sys.exit("no tray menu for these processes")
        name, layout = menu
        chosen = next((i for i, label in items(layout) if argv[2] in label), None)
        if chosen is None:
            sys.exit(f"no tray item {argv[2]!r} in {[label for _, label in items(layout)]}")
        gdbus("--dest", name, "--object-path", MENU_PATH, "--method", "com.canonical.dbusmenu.Event",
              "--", str(chosen), "clicked", "<0>", str(int(time.time())))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
