import '@casino/ui/styles.css';
import { mountApp } from '@casino/ui';
import { App } from './app';
import './styles.css';

mountApp(<App />);
