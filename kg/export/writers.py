"""Write a network export: run the network query, build the graph, write one file atomically."""
from __future__ import annotations

from pathlib import Path

from kg.errors import ExportError
from kg.export.network import Progress, load_network


def write_network(fmt: str, data: Path, out: Path, *, network: str = "party-ticket",
                  params: dict[str, str] | None = None, progress: Progress | None = None, **_: object) -> str:
    from kg.export import write_atomically

    net = load_network(data, network, params, progress)
    if progress:
        progress(f"writing {net.nodes:,} nodes and {net.edges:,} edges as {fmt}")

    def write(tmp: Path) -> None:
        if fmt == "gexf":
            from kg.export.gexf import write_gexf

            write_gexf(net, tmp, description=f"{net.title} (network query {network}, build {data})")
        elif fmt == "graphml":
            from kg.export.gephi import write_graphml

            write_graphml(net, tmp)
        elif fmt == "nodes-csv":
            from kg.export.gephi import write_nodes_csv

            write_nodes_csv(net, tmp)
        elif fmt == "edges-csv":
            from kg.export.gephi import write_edges_csv

            write_edges_csv(net, tmp)
        elif fmt == "html":
            from kg.export.html import write_html

            write_html(net, tmp)
        else:
            raise ExportError(f"{fmt!r} is not a network format", hint="use gexf, graphml, nodes-csv, edges-csv or html")

    write_atomically(out, write)
    return f"wrote {net.nodes} nodes, {net.edges} edges ({network}) as {fmt} to {out}"
