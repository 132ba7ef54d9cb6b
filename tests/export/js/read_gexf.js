// Read a GEXF file with graphology-gexf (the parser Gephi Lite uses) and print
// a JSON summary on stdout: graph type, counts, node and edge attributes, and
// the spells of every edge (read with @xmldom/xmldom, which graphology-gexf
// itself uses, since the parser keeps no time information).
//
//   node read_gexf.js FILE.gexf
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf/node');
const { DOMParser } = require('@xmldom/xmldom');

const text = fs.readFileSync(process.argv[2], 'utf8');
const graph = gexf.parse(Graph, text);  // throws on undeclared attributes or dangling edges

const nodes = {};
graph.forEachNode((id, attrs) => { nodes[id] = attrs; });
const edges = [];
graph.forEachEdge((id, attrs, source, target) => { edges.push({ source, target, ...attrs }); });

const doc = new DOMParser().parseFromString(text, 'application/xml');
const root = doc.documentElement;
const spells = {};
const els = doc.getElementsByTagName('edge');
for (let i = 0; i < els.length; i++) {
  const e = els[i];
  const list = [];
  if (e.getAttribute('start') || e.getAttribute('end')) {
    list.push([e.getAttribute('start') || null, e.getAttribute('end') || null]);
  }
  const sp = e.getElementsByTagName('spell');
  for (let j = 0; j < sp.length; j++) {
    list.push([sp[j].getAttribute('start') || null, sp[j].getAttribute('end') || null]);
  }
  spells[e.getAttribute('source') + ' -- ' + e.getAttribute('target')] = list;
}
const g = doc.getElementsByTagName('graph')[0];
process.stdout.write(JSON.stringify({
  namespace: root.namespaceURI,
  version: root.getAttribute('version'),
  type: graph.type,
  multi: graph.multi,
  mode: g.getAttribute('mode'),
  timeformat: g.getAttribute('timeformat'),
  order: graph.order,
  size: graph.size,
  nodes,
  edges,
  spells,
}));
