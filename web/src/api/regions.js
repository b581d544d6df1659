// /regions: Zhejiang's province, cities and counties (GB/T 2260 codes). Public.
import { http } from './http'

export const listRegions = ({ parent, level } = {}) => http.get('/regions', { parent, level })
