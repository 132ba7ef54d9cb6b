"""News outlets: one key per outlet, from the article's URL or the outlet name it gives.

``data/reference/outlets.csv`` lists Indonesian outlets with their web domain
and the other names they go by ("Kompas", "KOMPAS.com", "Harian Kompas").
An outlet is keyed by its domain, so that "Kompas.com" in a dateline, the
sitename of a saved page and a ``https://regional.kompas.com/...`` URL are one
outlet. A domain not in the table is the host's registrable domain (the last
two labels, three under ``co.id``-style second levels); a name that is
neither listed nor a domain is keyed by itself.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import DataError
from kg.model import Outlet

# second-level labels under which a registrable domain has three labels (x.co.id, x.ac.id)
_SECOND_LEVEL = {"co", "ac", "go", "or", "web", "my", "sch", "net", "com", "org", "biz", "mil", "desa", "ponpes"}
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})/?$", re.IGNORECASE)


@dataclass(frozen=True)
class OutletTable:
    by_domain: dict[str, tuple[str, str]]        # domain → (name, domain)
    by_name: dict[str, tuple[str, str]]          # folded name or alias → (name, domain)

    @classmethod
    def load(cls, path: Path) -> OutletTable:
        return _load(path)

    def resolve(self, name: str | None, url: str | None) -> Outlet | None:
        """The outlet of an article from its URL (preferred) and the outlet name it gives."""
        host = _host(url)
        if host:
            known = self._known_domain(host)
            if known:
                return Outlet(key=known[1], name=known[0], domain=known[1])
        folded = _fold(name) if name else ""
        if folded and folded in self.by_name:
            listed, domain = self.by_name[folded]
            return Outlet(key=domain, name=listed, domain=domain)
        if name:
            m = _DOMAIN.match(name.strip())
            if m:
                domain = registrable_domain(m.group(1).lower())
                known = self._known_domain(domain)
                if known:
                    return Outlet(key=known[1], name=known[0], domain=known[1])
                if not host:
                    return Outlet(key=domain, name=name.strip(), domain=domain)
        if host:
            domain = registrable_domain(host)
            return Outlet(key=domain, name=(name or "").strip() or domain, domain=domain)
        if name and name.strip():
            return Outlet(key=_fold(name), name=name.strip(), domain=None)
        return None

    def _known_domain(self, host: str) -> tuple[str, str] | None:
        labels = host.split(".")
        for i in range(len(labels) - 1):            # longest known suffix first
            hit = self.by_domain.get(".".join(labels[i:]))
            if hit:
                return hit
        return None


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.lower().removeprefix("www.")


def registrable_domain(host: str) -> str:
    """``regional.kompas.com`` → ``kompas.com``; ``www.republika.co.id`` → ``republika.co.id``."""
    labels = host.lower().removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and labels[-1] == "id" and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


@lru_cache(maxsize=4)
def _load(path: Path) -> OutletTable:
    by_domain: dict[str, tuple[str, str]] = {}
    by_name: dict[str, tuple[str, str]] = {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                name, domain = (row.get("name") or "").strip(), (row.get("domain") or "").strip().lower()
                if not name or not _DOMAIN.match(domain):
                    raise DataError(f"line {line}: needs a name and a domain (got {name!r}, {domain!r})",
                                    culprit=str(path))
                entry = (name, domain)
                by_domain[domain] = entry
                for alias in [name, domain, *(row.get("aliases") or "").split("|")]:
                    if alias.strip():
                        by_name.setdefault(_fold(alias), entry)
    except OSError as err:
        raise DataError(f"cannot read the outlet table ({err.strerror or err})", culprit=str(path)) from None
    except (csv.Error, UnicodeDecodeError) as err:
        raise DataError(f"not a readable CSV ({err})", culprit=str(path)) from None
    return OutletTable(by_domain, by_name)
