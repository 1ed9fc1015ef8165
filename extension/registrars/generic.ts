// The fallback adapter for any page with an add-record form, found through labels, placeholders, names and aria.
import { createFormAdapter } from './create-form-adapter.ts';

export const genericAdapter = createFormAdapter({
  id: 'generic',
  displayName: 'web',
  // Chosen explicitly when no registrar adapter matches; never by URL.
  url: /^$/,
  columns: {
    type: /^(record )?type$/i,
    name: /^(name|host( ?name)?|record name|record|sub-?domain|domain|owner)$/i,
    value: /^(value|content|data|answer|target|points? to|record data|rdata|destination|text|record$)/i,
    ttl: /^ttl\b|time to live/i,
    priority: /^(priority|preference|prio|pref)$/i,
  },
  labels: {
    type: /^(record ?type|type( of record)?|rr ?type|dns type)$/i,
    name: /^(name|host( ?name)?|host record|record name|sub-?domain|domain( name)?|owner|label|prefix|alias)$/i,
    value: /^(value|content|data|answer|target|points? to|record data|rdata|destination|address|txt( value)?|text( value)?|record value|mail server|exchange|record)$/i,
    ttl: /^(ttl( \(seconds\)| in seconds)?|time to live)$/i,
    priority: /^(priority|preference|prio|pref|mx priority|distance)$/i,
  },
  nameStyle: 'at-relative',
  addButton: /^(\+ ?)?(add|new|create)( a)?( new)?( dns)? (record|entry)$/i,
});
