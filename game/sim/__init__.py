"""The numpy model: state arrays with a leading run axis, one pure function per rule. Never imports pygame."""
