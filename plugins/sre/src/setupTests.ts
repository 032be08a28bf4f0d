import '@testing-library/jest-dom';

// recharts' ResponsiveContainer observes its size; jsdom has no ResizeObserver.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = ResizeObserverStub;
}

// userEvent-driven MUI interactions (open a select, pick an option, wait for the
// refetch) take seconds on a busy 2-core CI machine; Jest's 5 s default is a flake,
// not a guard.
jest.setTimeout(20_000);
