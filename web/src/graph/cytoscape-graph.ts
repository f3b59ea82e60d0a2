import cytoscape from 'cytoscape';
import type { ResourceGraph } from '../api/types';

const RISK_COLORS: Record<string, string> = {
  critical: '#b3261e',
  high: '#d9480f',
  medium: '#e8a317',
  low: '#5c7cfa',
  info: '#868e96',
};

/**
 * Draws a resource graph with cytoscape in `container`. Labels are plain canvas text (never HTML). At-risk nodes
 * are filled with their worst severity's colour, benign ones stay grey; the escalation path is drawn thick red.
 * Returns a cleanup function.
 */
export function mountGraph(
  container: HTMLElement,
  graph: ResourceGraph,
  onSelect: (nodeId: string) => void,
): () => void {
  preventInlineStylesheet();
  const cy = cytoscape({
    container,
    elements: [
      ...graph.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.label,
          type: n.type,
          color: n.risk ? (RISK_COLORS[n.risk] ?? '#868e96') : '#ced4da',
          risk: n.risk ?? 'benign',
        },
        classes: [n.isFocus ? 'focus' : '', n.isOnPath ? 'path' : '', n.risk ? 'risk' : 'benign']
          .filter(Boolean)
          .join(' '),
      })),
      ...graph.edges
        .filter(
          (e) => graph.nodes.some((n) => n.id === e.source) && graph.nodes.some((n) => n.id === e.target),
        )
        .map((e) => ({
          data: { id: e.id, source: e.source, target: e.target, label: e.label },
          classes: e.isOnPath ? 'path' : e.kind,
        })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'background-color': 'data(color)',
          'font-size': 10,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          width: 26,
          height: 26,
          color: '#212529',
          'text-wrap': 'ellipsis',
          'text-max-width': '120px',
        },
      },
      {
        selector: 'node.focus',
        style: { 'border-width': 3, 'border-color': '#1c7ed6', width: 34, height: 34 },
      },
      { selector: 'node.path', style: { 'border-width': 3, 'border-color': '#c92a2a' } },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': '#adb5bd',
          'target-arrow-color': '#adb5bd',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: 'data(label)',
          'font-size': 8,
          color: '#868e96',
          'text-rotation': 'autorotate',
        },
      },
      {
        selector: 'edge.path',
        style: { width: 4, 'line-color': '#c92a2a', 'target-arrow-color': '#c92a2a', color: '#c92a2a' },
      },
    ],
    layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 20 },
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'node', (e) => onSelect(String(e.target.id())));
  return () => cy.destroy();
}

// Cytoscape injects an inline <style id="__________cytoscape_stylesheet"> unless an element with that id exists;
// the strict CSP (style-src 'self') blocks inline styles, so a placeholder takes the id and styles.css carries
// the one rule it would have added.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

function preventInlineStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.appendChild(placeholder);
}
