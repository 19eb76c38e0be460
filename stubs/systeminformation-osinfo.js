// Detection calls only osInfo(); systeminformation's index loads every one of its ~30 modules.
// The bundle takes the one it needs (see scripts/build.ts).
export {osInfo} from 'systeminformation/lib/osinfo.js';
