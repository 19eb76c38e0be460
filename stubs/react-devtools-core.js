// Ink imports react-devtools-core only when DEV=true; the bundle must not need it.
export default {initialize() {}, connectToDevTools() {}};
