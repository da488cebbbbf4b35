// Keeps a failing part of the UI from taking the whole editor down: it shows what went wrong and a way to retry,
// while the project (held outside React) stays intact.
import { Component, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="ll-crash" role="alert">
        <p><strong>The {this.props.name} stopped working.</strong> Your project is safe.</p>
        <p className="ll-mono ll-muted">{this.state.error.message}</p>
        <button type="button" className="ll-button" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
