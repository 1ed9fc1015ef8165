// The console's one table shape: a caption for screen readers, a header row of column names, an actions column.
import type { ComponentChildren } from 'preact';

export type DataTableProps = {
  /** Read by screen readers only: the page's heading already says what the table is to sighted readers. */
  caption: ComponentChildren;
  columns: string[];
  /** Adds a last, unnamed-on-screen column for the rows' buttons. */
  actions?: boolean;
  /** The rows (`<tr>`s). */
  children: ComponentChildren;
};

export function DataTable({ caption, columns, actions = false, children }: DataTableProps) {
  return (
    <table class="data-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
          {actions && (
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
