// Mounts GraphiQL. A served file rather than an inline <script>, so the page's
// Content-Security-Policy can forbid inline scripts altogether. The endpoint and the
// default query come from data attributes that the server renders into the page.
const container = document.getElementById('graphiql');
const fetcher = GraphiQL.createFetcher({ url: container.dataset.endpoint });

ReactDOM.createRoot(container).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: container.dataset.defaultQuery,
    defaultEditorToolsVisibility: true,
  }),
);
