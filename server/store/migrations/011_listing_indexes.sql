-- Keyset order of the CSV export (oldest period first) and of GET /reports pages (newest period
-- first): each page or cursor batch is an index range, whatever the history kept.
CREATE INDEX reports_export_order_idx ON reports (period, municipality_code, first_received_at, id);
CREATE INDEX reports_list_order_idx ON reports (period DESC, municipality_code, first_received_at, id);
