import type { DetectionItem } from '../api/types';
import { SeverityBadge } from './SeverityBadge';

/** One detection in the list: severity, title, resource and status. */
export function DetectionRow(props: {
  item: DetectionItem;
  selected: boolean;
  nested?: boolean;
  onOpen: (id: string) => void;
  onResource: (arn: string) => void;
}) {
  const d = props.item;
  return (
    <div
      className={`det-row${props.selected ? ' selected' : ''}${props.nested ? ' nested' : ''}`}
      data-testid="detection-row"
      data-detection-id={d.id}
    >
      <SeverityBadge severity={d.severity} />
      <button type="button" className="link det-title" onClick={() => props.onOpen(d.id)} title={d.message}>
        {d.title}
      </button>
      <button
        type="button"
        className="link det-resource"
        data-testid="resource-link"
        onClick={() => props.onResource(d.resource.arn)}
        title={d.resource.arn}
      >
        {d.resource.name}
      </button>
      <span className="det-type">{d.resource.type}</span>
      <span className="det-account">{d.resource.accountId}</span>
      <span className={`status status-${d.status}`}>{d.status}</span>
    </div>
  );
}
