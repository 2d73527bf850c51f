// first-load module: the page's only entry.
import { render } from 'preact';

render(<p>Mobiliza</p>, document.getElementById('app')!);
