"""GEXF 1.3 writer, following the RELAX NG schema of gephi/gexf ``specs/1.3``.

networkx writes GEXF 1.2draft (and, asked for 1.3, a wrong ``xsi`` namespace);
it rejects list and ``None`` attributes and never writes edge ``kind`` or
``timerepresentation``. This writer streams::

    <gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
      <meta lastmodifieddate="…"><creator>pilkada-kg …</creator><keywords/><description>…</description></meta>
      <graph defaultedgetype="undirected" idtype="string" mode="dynamic" timeformat="date"
             timerepresentation="interval">
        <attributes class="node" mode="static"><attribute id="0" title="degree" type="integer"/>…</attributes>
        <attributes class="edge" mode="static">…</attributes>
        <nodes count="…"><node id="IRI" label="…" start="…" end="…"><attvalues>…</attvalues>
          <viz:color r=… g=… b=… a="1.0"/><viz:size value="…"/></node></nodes>
        <edges count="…"><edge id="0" source=… target=… weight=… label=REL kind=REL start=… end=…>
          <spells><spell start=… end=…/></spells>?<attvalues>…</attvalues></edge></edges>
      </graph>
    </gexf>

A node or edge with one spell carries ``start``/``end``; with several, a
``<spells>`` list. graphology-gexf (the parser of Gephi Lite) reads neither, so
in a dynamic network every dated element also gets the attributes
``interval`` (the spells as Gephi's interval-set text), ``first_year`` and
``last_year`` (integers) (:func:`kg.export.timeline.time_attrs`). Attribute ids are numbers so that every reader shows the
titles. Lists are joined with ``"; "``, ``None`` is left out, and characters
XML 1.0 cannot hold are dropped. No ``xsi:schemaLocation`` is written: the
RELAX NG schema allows no foreign attribute on ``<gexf>``, and readers do not
need it.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from kg.export.network import SKIP_ATTRS, Network, rgb
from kg.export.timeline import TIME_ATTRS, time_attrs

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

_BAD_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                      "\t": "&#9;"})


def _text(v: Any) -> str:
    if isinstance(v, (list, tuple, set, frozenset)):
        return "; ".join(_text(x) for x in v if x is not None)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v) if v != int(v) else f"{v:.1f}"
    return str(v)


def _q(v: Any) -> str:
    """An attribute value, quoted and escaped."""
    s = _text(v)
    if _BAD_XML.search(s):
        s = _BAD_XML.sub("", s)
    return '"' + s.translate(_ESC) + '"'


def _times(spells: list[tuple[str | None, str | None]] | None) -> tuple[str, str]:
    """(attributes for the element's tag, a ``<spells>`` child) for its spells."""
    if not spells:
        return "", ""
    if len(spells) == 1:
        s, e = spells[0]
        return (f' start="{s}"' if s else "") + (f' end="{e}"' if e else ""), ""
    items = "".join("<spell" + (f' start="{s}"' if s else "") + (f' end="{e}"' if e else "") + "/>"
                    for s, e in spells)
    return "", f"<spells>{items}</spells>"


def _declare(cls: str, types: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    ids = [(title, str(i)) for i, title in enumerate(sorted(types))]
    body = "".join(f"\n   <attribute id=\"{i}\" title={_q(t)} type=\"{types[t]}\"/>" for t, i in ids)
    return f'  <attributes class="{cls}" mode="static">{body}\n  </attributes>\n', ids


def _attvalues(attrs: dict[str, Any], ids: list[tuple[str, str]]) -> str:
    items = [f"<attvalue for=\"{i}\" value={_q(attrs[k])}/>" for k, i in ids if attrs.get(k) is not None]
    return "<attvalues>" + "".join(items) + "</attvalues>" if items else ""


def gexf_lines(net: Network, description: str = "") -> list[str]:
    """The GEXF document as a list of strings (one per node or edge) to join or write."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">\n',
           f' <meta lastmodifieddate="{dt.date.today().isoformat()}">\n',
           f"  <creator>pilkada-kg {_version()}</creator>\n",
           f"  <keywords>pilkada, {_q(net.name)[1:-1]}</keywords>\n",
           f"  <description>{_q(description or net.title)[1:-1]}</description>\n", " </meta>\n"]
    time = ' mode="dynamic" timeformat="date" timerepresentation="interval"' if net.dynamic else ' mode="static"'
    edge_type = "directed" if net.directed else "undirected"
    out.append(f' <graph defaultedgetype="{edge_type}" idtype="string"{time}>\n')
    extra = TIME_ATTRS if net.dynamic else {}
    decl, node_ids = _declare("node", {k: v for k, v in net.node_attrs.items() if k not in SKIP_ATTRS} | extra)
    out.append(decl)
    decl, edge_ids = _declare("edge", {k: v for k, v in net.edge_attrs.items() if k not in SKIP_ATTRS | {"weight"}}
                              | extra)
    out.append(decl)
    out.append(f'  <nodes count="{net.nodes}">\n')
    for node, a in net.nodes_data.items():
        attrs, spells = _times(a.get("spells"))
        r, g, b = rgb(a["color"])
        values = a | time_attrs(a.get("spells")) if extra else a
        out.append(f"   <node id={_q(node)} label={_q(a['label'])}{attrs}>{spells}{_attvalues(values, node_ids)}"
                   f'<viz:color r="{r}" g="{g}" b="{b}" a="1.0"/><viz:size value="{_text(float(a["size"]))}"/>'
                   "</node>\n")
    out.append("  </nodes>\n")
    out.append(f'  <edges count="{net.edges}">\n')
    for i, (s, t, a) in enumerate(net.iter_edges()):
        attrs, spells = _times(a.get("spells"))
        rel = _q(a.get("relation", "link"))
        values = a | time_attrs(a.get("spells")) if extra else a
        out.append(f"   <edge id=\"{i}\" source={_q(s)} target={_q(t)} weight=\"{_text(float(a['weight']))}\" "
                   f"label={rel} kind={rel}{attrs}>{spells}{_attvalues(values, edge_ids)}</edge>\n")
    out.append("  </edges>\n </graph>\n</gexf>\n")
    return out


def write_gexf(net: Network, path: Path, description: str = "") -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(gexf_lines(net, description))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pilkada-kg")
    except PackageNotFoundError:
        return "dev"
