// English. Same keys as zh.ts.
import type zh from './zh'

const en: typeof zh = {
  app: { title: 'Pitwall operations desk', short: 'Desk', language: '中文', signOut: 'Sign out' },
  role: { hq: 'HQ operations', region: 'Region manager', store: 'Store manager', finance: 'Finance', arbiter: 'Arbiter', director: 'Director', service: 'Customer service' },
  nav: {
    tasks: 'My tasks', campaigns: 'Campaigns', closeout: 'Close-out', summary: 'Summary', bridge: 'Bridge',
    settlement: 'Settlement', findings: 'Findings', confirm: 'Store confirmation', arbitration: 'Arbitration', signoffs: 'Sign-offs',
    seal: 'Freeze & seal', supervision: 'Supervision', board: 'Daily board', problems: 'Problems', winback: 'Win-back',
    queue: 'Queue', offers: 'Approvals', budget: 'Budget', admin: 'Admin', users: 'Users', tokens: 'API tokens',
    imports: 'Imports',
  },
  login: { title: 'Sign in', name: 'Name', password: 'Password', submit: 'Sign in', failed: 'Sign-in failed', hint: 'Demo accounts: demo-passwords.txt' },
  common: {
    loading: 'Loading…', empty: 'Nothing here', refresh: 'Refresh', submit: 'Submit', cancel: 'Cancel', save: 'Save',
    store: 'Store', region: 'Region', orders: 'Orders', amount: 'Amount', status: 'Status', reason: 'Reason', note: 'Note',
    actions: 'Actions', due: 'Due', definition: 'Definition', run: 'Run', current: 'Current', stale: 'Stale',
    yes: 'Yes', no: 'No', all: 'All', total: 'Total', percentagePoints: '{v} percentage points', notFound: 'Not found',
    notFoundText: 'This page or object does not exist, or is outside your scope.', back: 'Back', done: 'Done', open: 'Open',
    campaign: 'Campaign', date: 'Date', id: 'ID', customer: 'Customer', ok: 'Done',
  },
  state: {
    running: 'Running', review: 'Review window', frozen: 'Frozen', sealed: 'Sealed', planned: 'Planned', closing: 'Closing',
    pending: 'Pending', current: 'Confirmed', stale: 'Needs confirming again', deemed: 'Deemed confirmed', signed: 'Signed',
    open: 'Open', decided: 'Decided',
  },
  tasks: {
    title: 'My tasks', none: 'Nothing waits for you right now.', confirmStore: 'Confirm your orders: {store}',
    signRegion: 'Sign off region: {region}', signFinance: 'Sign off amounts and rebates', arbitrate: '{n} orders to arbitrate',
    approveOffers: '{n} offers to approve', problems: '{n} problems assigned to me', freeze: 'Freeze the campaign after the review window',
    seal: 'Seal the campaign after the freeze days', kind: 'Task',
  },
  campaigns: {
    title: 'Campaigns', lifecycle: 'Lifecycle', start: 'Start', end: 'End', storeCutoff: 'Store review cut-off',
    appealCutoff: 'Appeal cut-off', reviewEnd: 'Review window ends', frozenAt: 'Frozen at', sealFrom: 'Seal allowed from', sealedAt: 'Sealed at',
    timezone: 'Time zone', definition: 'Settlement definition',
  },
  closeout: {
    summaryTitle: 'Summary per definition (raw / cleaned)', raw: 'Raw', cleaned: 'Cleaned', diffRate: 'Order difference',
    amountDiff: 'Amount difference', rebateRaw: 'Rebate (raw)', rebateCleaned: 'Rebate (cleaned)', roi: 'ROI',
    runStale: 'Inputs changed: the close-out needs running again', runNow: 'Run the close-out', running: 'Close-out running', runDone: 'Close-out finished',
    bridgeTitle: 'Bridge between definitions', from: 'From', to: 'To', step: 'Reason', addsUp: 'Every difference explained',
    drill: 'Click a bar for its orders', ordersOfStep: '{reason}: {n} orders', settlementTitle: 'Settlement by region and store',
    received: 'Received', rebate: 'Rebate', payable: 'Payable', clawback: 'Clawback', avoided: 'Overpayment avoided',
    findingsTitle: 'Findings', rule: 'Rule', stage: 'Stage', field: 'Field', before: 'Before', after: 'After',
    byRegion: 'By region', byStore: 'By store', workbook: 'Download the workbook', exporting: 'Writing the workbook',
  },
  confirm: {
    title: 'Store confirmation', counted: 'Counted', notCounted: 'Not counted', dispute: 'Dispute', claim: 'Claim an order',
    confirmAll: 'Confirm our orders', confirmed: 'Confirmation recorded', notValid: 'Not valid', mine: 'Ours',
    claimHint: "Claim another store's order: its number and why", orderId: 'Order number', reasonRequired: 'Give a reason',
    disputes: 'Disputes and claims', remove: 'Remove', paidAt: 'Paid at', yourStatus: 'Our confirmation',
  },
  arbitration: {
    title: 'Arbitration queue', evidence: 'Evidence', claimants: 'Claimants', decide: 'Decide', count: 'Count', exclude: 'Exclude',
    assign: 'Assign to store', decision: 'Decision', decided: 'Decided', onlyOpen: 'Open only',
  },
  signoffs: {
    title: 'Sign-off board', stores: 'Store confirmations', regions: 'Region sign-offs', finance: 'Finance sign-off', sign: 'Sign', who: 'By',
    at: 'At', staleMark: 'The numbers changed: sign again', signed: 'Signed',
  },
  seal: {
    title: 'Freeze, seal and verify', freeze: 'Freeze', seal: 'Seal', verify: 'Verify the chain', chainOk: 'The chain holds: verified',
    chainBad: 'The chain does not verify', frozen: 'Campaign frozen', sealed: 'Campaign sealed', confirmFreeze: 'After freezing the settlement stops changing. Freeze?',
    confirmSeal: 'A sealed campaign cannot change. Seal?', checks: 'Checks', digest: 'Digest',
  },
  supervision: {
    boardTitle: 'Daily red and black lists', red: 'Red list', black: 'Black list', score: 'Score', cumScore: 'Cumulative', reasons: 'Why',
    alerts: 'Alerts', playbook: 'Playbook', toProblem: 'Open a problem', participation: 'Participation', target: 'Target',
    network: 'Network', mean: 'Mean score', problemsTitle: 'Problems board', title: 'Title', owner: 'Owner', sla: 'SLA due',
    overdue: 'Overdue', remaining: '{h} h left', action: 'Actions taken', close: 'Close', verify: 'Verify', reopen: 'Reopen',
    newProblem: 'New problem', stateOpen: 'Open', stateInProgress: 'In progress', stateResolved: 'Resolved', stateVerified: 'Verified',
    kind: 'Kind',
  },
  winback: {
    queueTitle: 'Win-back queue', rank: 'Rank', tier: 'Tier', scoreBand: 'Score band', score: 'Score', roi: 'ROI',
    annual: 'Annual spend', cap: 'Yearly cap', offer: 'Make an offer', offerTitle: 'Create a win-back offer', offerAmount: 'Offer amount (yuan)',
    route: 'Approval route', routeStore: 'Store manager approves (500–1000)', routeRegion: 'Region manager approves (1000–2000)',
    routeDirector: 'Director approves (over 2000)', routeNone: 'No approval (under 500)', created: 'Offer created',
    inboxTitle: 'Offer approvals', approve: 'Approve', reject: 'Reject', approved: 'Approved', budgetTitle: 'Budget monitor',
    budget: 'Monthly budget', spent: 'Spent', committed: 'Committed', remaining: 'Remaining', usage: 'Usage', forecast: 'Forecast',
    burn: 'Budget burn', alert: 'Alert', active: 'Active', calc: 'The calculation',
  },
  admin: {
    usersTitle: 'Users and roles', name: 'Name', role: 'Role', scope: 'Scope', addUser: 'Add a user', tokensTitle: 'API tokens',
    label: 'Label', newToken: 'New token', tokenShown: 'Shown this once only; keep it safe:', revoke: 'Revoke',
  },
  imports: {
    title: 'Imports', drop: 'Drop a CSV / XLSX file here, or click to choose', kind: 'Kind', upload: 'Upload',
    progress: 'Progress', rowErrors: 'Row errors', line: 'Line', column: 'Column', expected: 'Problem', batches: 'Batches',
    file: 'File', rows: 'Rows',
  },
  errors: { network: 'The server cannot be reached', generic: 'The action failed' },
}
export default en
