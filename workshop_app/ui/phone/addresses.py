"""The addresses the phone server can listen on, found with QNetworkInterface."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

LOOPBACK = "127.0.0.1"
ALL_INTERFACES = "0.0.0.0"


@dataclass(frozen=True)
class BindChoice:
    """One address to offer: what to bind, what to show, and the addresses phones may use to reach it."""

    host: str
    label: str
    names: tuple[str, ...]


def local_network_addresses() -> list[tuple[str, str]]:
    """Return (IPv4 address, interface name) of every interface that is up, running and not loopback."""
    found: list[tuple[str, str]] = []
    wanted = QNetworkInterface.InterfaceFlag.IsUp | QNetworkInterface.InterfaceFlag.IsRunning
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if (flags & wanted) != wanted or flags & QNetworkInterface.InterfaceFlag.IsLoopBack:
            continue
        for entry in interface.addressEntries():
            address = entry.ip()
            if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                found.append((address.toString(), interface.humanReadableName()))
    return found


def bind_choices() -> list[BindChoice]:
    """Return the choices in order: each local network address first (the default), then this computer only,
    then every interface (said plainly, since anyone on any of the computer's networks can reach it)."""
    lan = local_network_addresses()
    choices = [BindChoice(address, f"{address} — {name}", (address,)) for address, name in lan]
    choices.append(BindChoice(LOOPBACK, f"{LOOPBACK} — this computer only (for trying it out)", (LOOPBACK,)))
    everywhere = tuple(address for address, _ in lan) or (LOOPBACK,)
    choices.append(BindChoice(ALL_INTERFACES, "0.0.0.0 — every network this computer is on (anyone on any of "
                                              "them can open the page)", everywhere))
    return choices
