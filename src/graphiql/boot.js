// Mounts GraphiQL. A served file rather than an inline <script>, so the page's
// Content-Security-Policy can forbid inline scripts altogether. The endpoint, the default
// query and the workflow's tabs come from data attributes that the server renders into the page.
const container = document.getElementById('graphiql');
const fetcher = GraphiQL.createFetcher({ url: container.dataset.endpoint });

// The tabs' search windows start tomorrow (tokens of src/graphiql/tabs.ts), on the gateway's clock the
// page carries, not the browser's: in development mode the simulator's, which may have been moved ahead.
const DAY_MS = 86_400_000;
const now = Date.parse(container.dataset.now);
const windowDates = {
  $TOMORROW: new Date(now + DAY_MS).toISOString(),
  $IN_EIGHT_DAYS: new Date(now + 8 * DAY_MS).toISOString(),
};
const defaultTabs = JSON.parse(container.dataset.defaultTabs).map((tab) => ({
  ...tab,
  variables: tab.variables?.replace(/\$TOMORROW|\$IN_EIGHT_DAYS/g, (token) => windowDates[token]),
}));

ReactDOM.createRoot(container).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: container.dataset.defaultQuery,
    defaultTabs,
    defaultEditorToolsVisibility: true,
  }),
);
