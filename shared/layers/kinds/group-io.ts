import Conv2D from './Conv2D.js';
import Dense from './Dense.js';
import Input from './Input.js';
import Output from './Output.js';

export default [Input, Output, Dense, Conv2D];
