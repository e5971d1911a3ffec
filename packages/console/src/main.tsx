/**
 * Entry point of the console bundle: mounts the app into the page the relay serves at /console/.
 */
import { render } from 'preact';
import { App } from './app/App.js';

const root = document.getElementById('app');
if (root) render(<App storage={sessionStorage} />, root);
